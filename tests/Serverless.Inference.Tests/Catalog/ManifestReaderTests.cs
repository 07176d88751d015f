using Serverless.Inference.Catalog;
using Serverless.Inference.Tests.Fixtures;

namespace Serverless.Inference.Tests.Catalog;

public sealed class ManifestReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void Read_MinimalGenerationModel_AppliesTheDocumentedDefaults()
    {
        Write("""{ "id": "m", "kind": "generation", "tokenizer": { "type": "tiktoken", "encoding": "gpt2" }, "context_length": 128 }""");

        var manifest = ManifestReader.Read(folder.Path);

        Assert.Equal(("m", ModelKind.Generation, 128, "model.onnx", "plain"), (manifest.Id, manifest.Kind, manifest.ContextLength, manifest.Onnx, manifest.ChatTemplate));
        Assert.Equal(("mean", true, "system", 0L), (manifest.Pooling, manifest.Normalize, manifest.OwnedBy, manifest.Created));
        Assert.Empty(manifest.EosTokenIds);
    }

    [Fact]
    public void Read_EmbeddingModel_KeepsEveryKey()
    {
        Write("""
            { "id": "e", "kind": "embedding", "onnx": "encoder.onnx", "context_length": 256, "dimensions": 384,
              "tokenizer": { "type": "wordpiece", "vocab": "v.txt", "lowercase": false, "strip_accents": false },
              "pooling": "cls", "normalize": false, "created": 1700000000, "owned_by": "someone" }
            """);

        var manifest = ManifestReader.Read(folder.Path);

        Assert.Equal(new TokenizerManifest("wordpiece", Vocab: "v.txt", Lowercase: false, StripAccents: false), manifest.Tokenizer);
        Assert.Equal(("encoder.onnx", 384, "cls", false, 1700000000L, "someone"), (manifest.Onnx, manifest.Dimensions, manifest.Pooling, manifest.Normalize, manifest.Created, manifest.OwnedBy));
        Assert.Null(manifest.ChatTemplate);
    }

    [Theory]
    [InlineData("{ not json", "invalid JSON")]
    [InlineData("null", "is null")]
    [InlineData("""{ "kind": "generation", "context_length": 1, "tokenizer": { "type": "tiktoken", "encoding": "gpt2" } }""", "missing key 'id'")]
    [InlineData("""{ "id": "x", "kind": "vision", "context_length": 1 }""", "kind 'vision'")]
    [InlineData("""{ "id": "x", "kind": "generation", "tokenizer": { "type": "tiktoken", "encoding": "gpt2" } }""", "context_length")]
    [InlineData("""{ "id": "x", "kind": "generation", "context_length": 8 }""", "missing key 'tokenizer'")]
    [InlineData("""{ "id": "x", "kind": "generation", "context_length": 8, "chat_template": "llama", "tokenizer": { "type": "tiktoken", "encoding": "gpt2" } }""", "chat_template 'llama'")]
    [InlineData("""{ "id": "x", "kind": "generation", "context_length": 8, "onnx": "../other/model.onnx", "tokenizer": { "type": "tiktoken", "encoding": "gpt2" } }""", "inside the model folder")]
    [InlineData("""{ "id": "x", "kind": "embedding", "context_length": 8, "tokenizer": { "type": "unigram" } }""", "tokenizer type 'unigram'")]
    public void Read_BrokenManifest_FailsOnModelJsonWithTheReason(string json, string reason)
    {
        Write(json);

        var error = Assert.Throws<ModelLoadException>(() => ManifestReader.Read(folder.Path));

        Assert.Equal("model.json", error.File);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private void Write(string json) => File.WriteAllText(Path.Combine(folder.Path, "model.json"), json);
}
