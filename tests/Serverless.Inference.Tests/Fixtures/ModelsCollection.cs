namespace Serverless.Inference.Tests.Fixtures;

/// <summary>Tests that share the built models; they run one class at a time so timings and batches stay predictable.</summary>
[CollectionDefinition(Name)]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>
{
    public const string Name = "Models";
}
