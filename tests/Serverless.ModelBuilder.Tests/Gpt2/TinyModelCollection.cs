namespace Serverless.ModelBuilder.Tests.Gpt2;

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "Tiny GPT-2 model";
}
