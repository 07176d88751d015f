namespace Serverless.ModelBuilder.Tests.Llama;

/// <summary>Builds the Tiny Llama-family model once, fp16 (the default) and fp32, for every test in the collection.</summary>
public sealed class LlamaModelFixture : IDisposable
{
    private readonly TempDirectory directory = new();

    public LlamaModelFixture()
    {
        LlamaModelBuilder.WriteModelFolder(Folder(float16: true), LlamaShape.Tiny);
        LlamaModelBuilder.WriteModelFolder(Folder(float16: false), LlamaShape.Tiny, float16: false);
    }

    public string Folder(bool float16) => directory.Combine(float16 ? "llama-tiny" : "llama-tiny-fp32");

    public string ModelPath(bool float16) => Path.Combine(Folder(float16), "model.onnx");

    public void Dispose() => directory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class LlamaModelCollection : ICollectionFixture<LlamaModelFixture>
{
    public const string Name = "Tiny Llama model";
}
