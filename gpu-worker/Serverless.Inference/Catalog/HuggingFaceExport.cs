using System.Text.Json;
using System.Text.RegularExpressions;

namespace Serverless.Inference.Catalog;

/// <summary>
/// What a Hugging Face / Optimum ONNX export folder says about its model, read from its own files
/// (docs/model-folder.md): the id from the folder name, the kind from config.json's <c>architectures</c>, the
/// context length from config.json, end tokens from generation_config.json and config.json, and the chat
/// template, BOS and EOS tokens from tokenizer_config.json (or chat_template.jinja).
/// </summary>
/// <param name="Json">The model as model.json would describe it; keys a model.json sets win over these.</param>
/// <param name="ChatTemplateSource">The Jinja chat template, when the export has one.</param>
/// <param name="BosToken">tokenizer_config.json's <c>bos_token</c>.</param>
/// <param name="EosToken">tokenizer_config.json's <c>eos_token</c>, an end token besides <see cref="ModelJson.EosTokenIds"/>.</param>
internal sealed partial record HuggingFaceExport(ModelJson Json, string? ChatTemplateSource, string? BosToken, string? EosToken)
{
    public const string TokenizerFile = "tokenizer.json";
    public const string TokenizerConfig = "tokenizer_config.json";
    public const string GenerationConfig = "generation_config.json";
    public const string ChatTemplateFile = "chat_template.jinja";
    private const string PoolingConfig = "1_Pooling/config.json";

    private static readonly string[] ContextLengthKeys = ["max_position_embeddings", "n_positions", "max_sequence_length", "seq_length"];

    /// <summary>Reads the export; <paramref name="declared"/> is the folder's model.json, whose keys need not be found here.</summary>
    public static HuggingFaceExport Read(string folder, ModelJson? declared)
    {
        using var config = ReadJson(folder, ModelFolders.ExportConfig) ?? throw new ModelLoadException(ModelFolders.ExportConfig, "file not found");
        using var tokenizerConfig = ReadJson(folder, TokenizerConfig);
        using var generationConfig = ReadJson(folder, GenerationConfig);

        var id = declared?.Id ?? IdFromFolder(folder);
        var kind = declared?.Kind ?? KindOf(config.RootElement);
        var contextLength = declared?.ContextLength ?? ContextLengthOf(config.RootElement);
        var eos = EndTokens(generationConfig?.RootElement, GenerationConfig).Concat(EndTokens(config.RootElement, ModelFolders.ExportConfig)).Distinct().ToArray();
        var tokenizer = tokenizerConfig?.RootElement;
        var json = new ModelJson(
            id,
            kind,
            Tokenizer: new TokenizerJson("huggingface", File: TokenizerFile),
            ContextLength: contextLength,
            EosTokenIds: eos,
            Pooling: kind == "embedding" ? PoolingOf(folder) : null,
            Created: new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(folder, ModelFolders.ExportConfig))).ToUnixTimeSeconds());
        return new HuggingFaceExport(json, ChatTemplateOf(folder, tokenizer), TokenText(tokenizer, "bos_token"), TokenText(tokenizer, "eos_token"));
    }

    private static JsonDocument? ReadJson(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new ModelLoadException(file, "is not a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new ModelLoadException(file, $"invalid JSON: {e.Message}");
        }
        catch (IOException e)
        {
            throw new ModelLoadException(file, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>The folder's name is the id the API serves; it must be a usable model name.</summary>
    private static string IdFromFolder(string folder)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        return ModelIdPattern().IsMatch(name)
            ? name
            : throw new ModelLoadException(ModelFolders.ExportConfig, $"the folder name '{name}' is not a model id (letters, digits, '.', '_', '-', ':'); rename the folder or set 'id' in {ModelJson.FileName}");
    }

    /// <summary>Causal-LM heads generate; anything else (BertModel, a sentence-transformers encoder) embeds.</summary>
    private static string KindOf(JsonElement config)
    {
        if (!config.TryGetProperty("architectures", out var architectures) || architectures.ValueKind != JsonValueKind.Array || architectures.GetArrayLength() == 0)
        {
            throw new ModelLoadException(ModelFolders.ExportConfig, $"missing key 'architectures' (or set 'kind' in {ModelJson.FileName})");
        }

        var generates = architectures.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String
            && (a.GetString()!.EndsWith("ForCausalLM", StringComparison.Ordinal) || a.GetString()!.EndsWith("LMHeadModel", StringComparison.Ordinal)));
        return generates ? "generation" : "embedding";
    }

    private static int ContextLengthOf(JsonElement config)
    {
        foreach (var key in ContextLengthKeys)
        {
            if (config.TryGetProperty(key, out var value))
            {
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var length) && length > 0
                    ? length
                    : throw new ModelLoadException(ModelFolders.ExportConfig, $"'{key}' must be a positive integer");
            }
        }

        throw new ModelLoadException(ModelFolders.ExportConfig, $"missing key 'max_position_embeddings' (or set 'context_length' in {ModelJson.FileName})");
    }

    /// <summary><c>eos_token_id</c> is one id or a list of them.</summary>
    private static IEnumerable<int> EndTokens(JsonElement? config, string file)
    {
        if (config is not { } root || !root.TryGetProperty("eos_token_id", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var values = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : new[] { value };
        return values.Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var id) && id >= 0
            ? id
            : throw new ModelLoadException(file, "'eos_token_id' must be a token id or a list of them")).ToArray();
    }

    /// <summary>
    /// chat_template.jinja when present (newer exports write it on its own), else tokenizer_config.json's
    /// <c>chat_template</c>: a string, or a list of named templates of which "default" is the one chats use.
    /// </summary>
    private static string? ChatTemplateOf(string folder, JsonElement? tokenizerConfig)
    {
        var file = Path.Combine(folder, ChatTemplateFile);
        if (File.Exists(file))
        {
            return File.ReadAllText(file);
        }

        if (tokenizerConfig is not { } root || !root.TryGetProperty("chat_template", out var template) || template.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (template.ValueKind == JsonValueKind.String)
        {
            return template.GetString();
        }

        if (template.ValueKind == JsonValueKind.Array)
        {
            var named = template.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("template", out var text) && text.ValueKind == JsonValueKind.String)
                .ToArray();
            var chosen = named.FirstOrDefault(t => t.TryGetProperty("name", out var name) && name.ValueEquals("default"));
            chosen = chosen.ValueKind == JsonValueKind.Object ? chosen : named.FirstOrDefault();
            if (chosen.ValueKind == JsonValueKind.Object)
            {
                return chosen.GetProperty("template").GetString();
            }
        }

        throw new ModelLoadException(TokenizerConfig, "'chat_template' must be a string or a list of {name, template}");
    }

    /// <summary>A special token is written as its text or as an AddedToken object with <c>content</c>.</summary>
    private static string? TokenText(JsonElement? tokenizerConfig, string key)
    {
        if (tokenizerConfig is not { } root || !root.TryGetProperty(key, out var token))
        {
            return null;
        }

        return token.ValueKind switch
        {
            JsonValueKind.String => token.GetString(),
            JsonValueKind.Object when token.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String => content.GetString(),
            JsonValueKind.Null => null,
            _ => throw new ModelLoadException(TokenizerConfig, $"'{key}' must be a string or an object with 'content'"),
        };
    }

    /// <summary>sentence-transformers keeps its pooling in 1_Pooling/config.json; mean pooling when absent.</summary>
    private static string PoolingOf(string folder)
    {
        using var pooling = ReadJson(folder, PoolingConfig);
        return pooling is not null && pooling.RootElement.TryGetProperty("pooling_mode_cls_token", out var cls) && cls.ValueKind == JsonValueKind.True
            ? "cls"
            : "mean";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]
    private static partial Regex ModelIdPattern();
}
