using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Inference.Tests.Fixtures;
using Serverless.ModelBuilder;

namespace Serverless.Inference.Tests.Catalog;

/// <summary>A Hugging Face export folder (llama-tiny's files) served with no model.json, and what a broken one reports.</summary>
[Collection(ModelsCollection.Name)]
public sealed class DropInFolderTests(ModelsFixture models) : IDisposable
{
    private const string LlamaChatPrompt =
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";

    private static readonly int BeginOfText = Llama3StyleTokenizer.IdOf(Llama3StyleTokenizer.BeginOfText);

    private readonly TempFolder root = new();

    [Fact]
    public void Load_Export_IsServedUnderItsFolderName_WithItsTemplateAndEndTokens()
    {
        CopyLlama("my-llama");

        using var catalog = Load();

        Assert.Empty(catalog.Failures);
        Assert.True(catalog.TryGetGeneration("my-llama", out var model));
        Assert.Equal((2048, "jinja"), (model.Manifest.ContextLength, model.Manifest.ChatTemplate));
        Assert.Equal(
            [Llama3StyleTokenizer.IdOf(Llama3StyleTokenizer.EndOfText), Llama3StyleTokenizer.IdOf(Llama3StyleTokenizer.EndOfTurn)],
            model.Manifest.EosTokenIds.Order());
        ChatTurn[] chat = [new("system", "Be brief."), new("user", "Hi")];
        Assert.Equal(LlamaChatPrompt, model.RenderChat(chat));

        // The template writes BOS itself, so a chat prompt has exactly one; a completion prompt gets it from the tokenizer.
        var chatIds = model.TokenizeChat(chat);
        Assert.Equal(BeginOfText, chatIds[0]);
        Assert.Single(chatIds, id => id == BeginOfText);
        Assert.Equal([BeginOfText, 15496, 995], model.Tokenize("Hello world"));
    }

    [Fact]
    public void Load_ModelJsonInAnExport_OverridesOnlyTheKeysItSets()
    {
        var folder = CopyLlama("export");
        File.WriteAllText(Path.Combine(folder, "model.json"), """{ "id": "renamed", "chat_template": "chatml" }""");

        using var catalog = Load();

        Assert.True(catalog.TryGetGeneration("renamed", out var model));
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", model.RenderChat([new ChatTurn("user", "Hi")]));
        Assert.Equal(2048, model.Manifest.ContextLength);
    }

    [Fact]
    public void Load_ChatTemplateJinjaFile_WinsOverTokenizerConfig()
    {
        var folder = CopyLlama("own-template");
        File.WriteAllText(Path.Combine(folder, "chat_template.jinja"), "{% for m in messages %}[{{ m.role | upper }}] {{ m.content }}\n{% endfor %}");

        using var catalog = Load();

        Assert.True(catalog.TryGetGeneration("own-template", out var model));
        Assert.Equal("[USER] Hi\n", model.RenderChat([new ChatTurn("user", "Hi")]));
    }

    [Fact]
    public void RenderChat_ATemplateRefusingTheConversation_SaysWhy_AndAnOversizedOneIsTooLong()
    {
        EditJson(CopyLlama("strict"), "tokenizer_config.json", json => json["chat_template"] =
            "{% for m in messages %}{% if (m.role == 'user') != (loop.index0 % 2 == 0) %}"
            + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
            + "[{{ m.role }}] {{ m.content }}\n{% endfor %}");

        using var catalog = Load();

        Assert.True(catalog.TryGetGeneration("strict", out var model), string.Join("; ", catalog.Failures));
        var refused = Assert.Throws<ChatTemplateException>(() => model.TokenizeChat([new("user", "Hi"), new("user", "Again")]));
        Assert.Equal(("Conversation roles must alternate user/assistant/user/assistant/...", false), (refused.Message, refused.TooLong));
        var huge = Assert.Throws<ChatTemplateException>(() => model.TokenizeChat([new("user", new string('a', 1_100_000))]));
        Assert.True(huge.TooLong);
    }

    [Fact]
    public void Load_BrokenExports_NameTheFileAndTheField_AndTheGoodOneStillServes()
    {
        CopyLlama("good");
        EditJson(CopyLlama("no-context"), "config.json", json => json.Remove("max_position_embeddings"));
        EditJson(CopyLlama("bad-eos"), "generation_config.json", json => json["eos_token_id"] = "end");
        EditJson(CopyLlama("bad-tokenizer"), "tokenizer.json", json => json["model"]!["type"] = "Magic");
        EditJson(CopyLlama("bad-template"), "tokenizer_config.json", json => json["chat_template"] = "{% for m in messages %}{{ m.content }}");
        EditJson(CopyLlama("raising-template"), "tokenizer_config.json", json => json["chat_template"] = "{{ raise_exception('Only tool calls are supported') }}");
        CopyLlama("bad name!");

        using var catalog = Load();

        var failures = catalog.Failures.ToDictionary(f => f.ModelFolder);
        Assert.Equal(["bad name!", "bad-eos", "bad-template", "bad-tokenizer", "no-context", "raising-template"], failures.Keys.Order(StringComparer.Ordinal));
        AssertFailure(failures["no-context"], "config.json", "max_position_embeddings");
        AssertFailure(failures["bad-eos"], "generation_config.json", "eos_token_id");
        AssertFailure(failures["bad-tokenizer"], "tokenizer.json", "model.type");
        AssertFailure(failures["bad-template"], "tokenizer_config.json", "chat_template");
        AssertFailure(failures["raising-template"], "tokenizer_config.json", "Only tool calls are supported");
        AssertFailure(failures["bad name!"], "config.json", "folder name");
        Assert.Equal(["good"], catalog.Models.Select(m => m.Id));
    }

    [Fact]
    public void Load_SentenceTransformersExport_EmbedsExactlyAsItsModelJsonFolder()
    {
        // all-MiniLM-L6-v2 as an export folder: its vocab as a WordPiece tokenizer.json (BERT's normalizer and
        // pre-tokenizer, [CLS] … [SEP] from the post-processor), a config.json, no model.json.
        var folder = root.Sub("minilm-export");
        File.Copy(Path.Combine(models.ModelsPath, ModelsFixture.MiniLm, "model.onnx"), Path.Combine(folder, "model.onnx"));
        File.WriteAllText(Path.Combine(folder, "config.json"), """{ "architectures": ["BertModel"], "max_position_embeddings": 256 }""");
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), WordPieceTokenizerJson(File.ReadAllLines(Path.Combine(models.ModelsPath, ModelsFixture.MiniLm, "vocab.txt"))));
        string[] inputs = ["The quick brown fox.", "Naïve café, résumé!", string.Join(' ', Enumerable.Repeat("long input", 400))];

        using var catalog = Load();

        Assert.True(catalog.TryGetEmbedding("minilm-export", out var export), string.Join("; ", catalog.Failures));
        var expected = models.Embedding.Embed(inputs);
        var actual = export.Embed(inputs);
        Assert.Equal(expected.PromptTokens, actual.PromptTokens);
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(expected.Vectors[i], actual.Vectors[i]);
        }
    }

    public void Dispose() => root.Dispose();

    private static string WordPieceTokenizerJson(string[] vocab)
    {
        var ids = new JsonObject();
        for (var i = 0; i < vocab.Length; i++)
        {
            ids[vocab[i]] = i;
        }

        JsonNode Special(string token) => new JsonObject { ["id"] = token, ["ids"] = new JsonArray(Array.IndexOf(vocab, token)), ["tokens"] = new JsonArray(token) };
        return new JsonObject
        {
            ["added_tokens"] = new JsonArray([.. new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = Array.IndexOf(vocab, t), ["content"] = t, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            })]),
            ["normalizer"] = new JsonObject { ["type"] = "BertNormalizer", ["clean_text"] = true, ["handle_chinese_chars"] = true, ["strip_accents"] = null, ["lowercase"] = true },
            ["pre_tokenizer"] = new JsonObject { ["type"] = "BertPreTokenizer" },
            ["post_processor"] = new JsonObject
            {
                ["type"] = "TemplateProcessing",
                ["single"] = new JsonArray(
                    new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = "[CLS]", ["type_id"] = 0 } },
                    new JsonObject { ["Sequence"] = new JsonObject { ["id"] = "A", ["type_id"] = 0 } },
                    new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = "[SEP]", ["type_id"] = 0 } }),
                ["special_tokens"] = new JsonObject { ["[CLS]"] = Special("[CLS]"), ["[SEP]"] = Special("[SEP]") },
            },
            ["decoder"] = new JsonObject { ["type"] = "WordPiece", ["prefix"] = "##", ["cleanup"] = true },
            ["model"] = new JsonObject { ["type"] = "WordPiece", ["unk_token"] = "[UNK]", ["continuing_subword_prefix"] = "##", ["max_input_chars_per_word"] = 100, ["vocab"] = ids },
        }.ToJsonString();
    }

    private static void AssertFailure(ModelLoadFailure failure, string file, string reason)
    {
        Assert.Equal(file, failure.File);
        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
    }

    private ModelCatalog Load() =>
        ModelCatalog.Load(new InferenceOptions { ModelsPath = root.Path, ExecutionProvider = "cpu" }, NullLoggerFactory.Instance);

    private string CopyLlama(string folderName)
    {
        var target = root.Sub(folderName);
        foreach (var file in Directory.GetFiles(Path.Combine(models.ModelsPath, ModelsFixture.LlamaTiny)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    private static void EditJson(string folder, string file, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, file);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
