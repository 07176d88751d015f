using Serverless.Inference.Catalog;
using Serverless.Inference.Tests.Fixtures;

namespace Serverless.Inference.Tests.Catalog;

/// <summary>How the manifest reader reads an export's own files (no tokenizer or ONNX needed).</summary>
public sealed class HuggingFaceExportTests : IDisposable
{
    private readonly TempFolder root = new();

    [Fact]
    public void Read_GenerationExport_TakesEveryKeyFromItsFiles()
    {
        var folder = Export("qwen-mini", """{ "architectures": ["Qwen2ForCausalLM"], "max_position_embeddings": 32768, "eos_token_id": 151643 }""");
        Write(folder, "generation_config.json", """{ "eos_token_id": [151645, 151643] }""");
        Write(folder, "tokenizer_config.json", """
            { "bos_token": null, "eos_token": { "content": "<|im_end|>", "special": true },
              "chat_template": [ { "name": "tool_use", "template": "tools" }, { "name": "default", "template": "{{ messages[0].content }}" } ] }
            """);

        var manifest = ManifestReader.Read(folder);

        Assert.Equal(("qwen-mini", ModelKind.Generation, 32768, "jinja"), (manifest.Id, manifest.Kind, manifest.ContextLength, manifest.ChatTemplate));
        Assert.Equal([151645, 151643], manifest.EosTokenIds);
        Assert.Equal(("{{ messages[0].content }}", null, "<|im_end|>"), (manifest.ChatTemplateSource, manifest.BosToken, manifest.EosToken));
        Assert.Equal(new TokenizerManifest("huggingface", File: "tokenizer.json"), manifest.Tokenizer);
    }

    [Fact]
    public void Read_ExportWithoutTemplate_UsesPlain_AndAnEncoderEmbeds()
    {
        var generator = Export("gpt", """{ "architectures": ["GPT2LMHeadModel"], "n_positions": 1024 }""");
        var encoder = Export("minilm", """{ "architectures": ["BertModel"], "max_position_embeddings": 512 }""");
        Write(encoder, "1_Pooling/config.json", """{ "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false }""");

        var generation = ManifestReader.Read(generator);
        var embedding = ManifestReader.Read(encoder);

        Assert.Equal(("plain", 1024), (generation.ChatTemplate, generation.ContextLength));
        Assert.Equal((ModelKind.Embedding, "cls", 512), (embedding.Kind, embedding.Pooling, embedding.ContextLength));
    }

    [Theory]
    [InlineData("""{ "max_position_embeddings": 8 }""", "config.json", "missing key 'architectures'")]
    [InlineData("""{ "architectures": ["LlamaForCausalLM"], "max_position_embeddings": -1 }""", "config.json", "positive integer")]
    [InlineData("""{ "architectures": ["LlamaForCausalLM"], "max_position_embeddings": 8, "eos_token_id": [1, "x"] }""", "config.json", "eos_token_id")]
    [InlineData("[1, 2]", "config.json", "not a JSON object")]
    public void Read_BrokenConfig_NamesTheFileAndKey(string config, string file, string reason)
    {
        var folder = Export("broken", config);

        var error = Assert.Throws<ModelLoadException>(() => ManifestReader.Read(folder));

        Assert.Equal(file, error.File);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ModelJsonSupplyingWhatConfigLacks_IsEnough()
    {
        var folder = Export("odd", "{}");
        Write(folder, "model.json", """{ "id": "odd-model", "kind": "generation", "context_length": 64 }""");

        var manifest = ManifestReader.Read(folder);

        Assert.Equal(("odd-model", ModelKind.Generation, 64, "huggingface"), (manifest.Id, manifest.Kind, manifest.ContextLength, manifest.Tokenizer.Type));
    }

    public void Dispose() => root.Dispose();

    private string Export(string name, string config)
    {
        var folder = root.Sub(name);
        Write(folder, "config.json", config);
        return folder;
    }

    private static void Write(string folder, string file, string text)
    {
        var path = Path.Combine(folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
