using System.Text.Json;

namespace Serverless.ModelBuilder.Tests.Gpt2;

public sealed class Gpt2ModelBuilderTests : IDisposable
{
    // Small enough that building it three times takes milliseconds.
    private static readonly Gpt2Shape Small = new(Layers: 1, ModelDim: 32, Heads: 2, VocabSize: 300, ContextLength: 64);

    private readonly TempDirectory directory = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteModelFolder_SameSeedTwice_WritesIdenticalBytes(bool float16)
    {
        Gpt2ModelBuilder.WriteModelFolder(directory.Combine("a"), "m", Small, seed: 7, float16);
        Gpt2ModelBuilder.WriteModelFolder(directory.Combine("b"), "m", Small, seed: 7, float16);

        Assert.Equal(File.ReadAllBytes(directory.Combine("a", "model.onnx")), File.ReadAllBytes(directory.Combine("b", "model.onnx")));
        Assert.Equal(File.ReadAllBytes(directory.Combine("a", "model.json")), File.ReadAllBytes(directory.Combine("b", "model.json")));
    }

    [Fact]
    public void WriteModelFolder_DifferentSeed_WritesDifferentWeights()
    {
        Gpt2ModelBuilder.WriteModelFolder(directory.Combine("a"), "m", Small, seed: 7);
        Gpt2ModelBuilder.WriteModelFolder(directory.Combine("b"), "m", Small, seed: 8);

        var a = File.ReadAllBytes(directory.Combine("a", "model.onnx"));
        var b = File.ReadAllBytes(directory.Combine("b", "model.onnx"));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void WriteModelFolder_Float16_IsAboutHalfTheSize()
    {
        Gpt2ModelBuilder.WriteModelFolder(directory.Combine("fp32"), "m", Small);
        Gpt2ModelBuilder.WriteModelFolder(directory.Combine("fp16"), "m", Small, float16: true);

        var fp32 = new FileInfo(directory.Combine("fp32", "model.onnx")).Length;
        var fp16 = new FileInfo(directory.Combine("fp16", "model.onnx")).Length;
        Assert.InRange(fp16, fp32 * 0.45, fp32 * 0.6);
    }

    [Fact]
    public void WriteModelFolder_WritesManifestPerModelFolderFormat()
    {
        Gpt2ModelBuilder.WriteModelFolder(directory.Path, "gpt2-tiny", Small);

        using var json = JsonDocument.Parse(File.ReadAllText(directory.Combine("model.json")));
        var root = json.RootElement;
        Assert.Equal("gpt2-tiny", root.GetProperty("id").GetString());
        Assert.Equal("generation", root.GetProperty("kind").GetString());
        Assert.Equal("model.onnx", root.GetProperty("onnx").GetString());
        Assert.Equal("tiktoken", root.GetProperty("tokenizer").GetProperty("type").GetString());
        Assert.Equal("gpt2", root.GetProperty("tokenizer").GetProperty("encoding").GetString());
        Assert.Equal("chatml", root.GetProperty("chat_template").GetString());
        Assert.Equal(64, root.GetProperty("context_length").GetInt32());
        Assert.Equal([50256], root.GetProperty("eos_token_ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("serverless", root.GetProperty("owned_by").GetString());
        Assert.True(root.GetProperty("created").GetInt64() > 0);
        Assert.False(root.TryGetProperty("dimensions", out _));
    }

    [Fact]
    public void WriteModelFolder_HeadsNotDividingWidth_Throws() =>
        Assert.Throws<ArgumentException>(() => Gpt2ModelBuilder.WriteModelFolder(directory.Path, "m", new Gpt2Shape(1, 30, 4)));

    public void Dispose() => directory.Dispose();
}
