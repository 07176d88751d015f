namespace Serverless.ModelBuilder.Tests.Gpt2;

/// <summary>Builds the default Tiny model once, fp32 and fp16, for every test in the collection.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly TempDirectory directory = new();

    public TinyModelFixture()
    {
        Gpt2ModelBuilder.WriteModelFolder(Folder(float16: false), "gpt2-tiny", Gpt2Shape.Tiny);
        Gpt2ModelBuilder.WriteModelFolder(Folder(float16: true), "gpt2-tiny-fp16", Gpt2Shape.Tiny, float16: true);
    }

    public string Folder(bool float16) => directory.Combine(float16 ? "gpt2-tiny-fp16" : "gpt2-tiny");

    public string ModelPath(bool float16) => Path.Combine(Folder(float16), "model.onnx");

    public void Dispose() => directory.Dispose();
}
