using System.Text.Json;
using Serverless.Inference.Chat;

namespace Serverless.Inference.Catalog;

/// <summary>Reads and checks a folder's model.json, applying the defaults docs/model-folder.md gives.</summary>
internal static class ManifestReader
{
    private const string DefaultOwner = "system";

    public static ModelManifest Read(string folder)
    {
        var path = Path.Combine(folder, ModelJson.FileName);
        ModelJson? json;
        try
        {
            using var stream = File.OpenRead(path);
            json = JsonSerializer.Deserialize(stream, ModelJsonContext.Default.ModelJson);
        }
        catch (JsonException e)
        {
            throw new ModelLoadException(ModelJson.FileName, $"invalid JSON: {e.Message}");
        }
        catch (IOException e)
        {
            throw new ModelLoadException(ModelJson.FileName, $"cannot be read: {e.Message}");
        }

        return json is null ? throw new ModelLoadException(ModelJson.FileName, "is null, expected an object") : ToManifest(json);
    }

    private static ModelManifest ToManifest(ModelJson json)
    {
        var id = Required(json.Id, "id");
        var kind = Required(json.Kind, "kind") switch
        {
            "generation" => ModelKind.Generation,
            "embedding" => ModelKind.Embedding,
            var other => throw Invalid($"kind '{other}' is neither 'generation' nor 'embedding'"),
        };
        var contextLength = json.ContextLength ?? throw Invalid("missing key 'context_length'");
        if (contextLength < 1)
        {
            throw Invalid("context_length must be positive");
        }

        var onnx = json.Onnx ?? ModelJson.DefaultOnnx;
        if (json.Dimensions is < 1)
        {
            throw Invalid("dimensions must be positive");
        }

        string? chatTemplate = null;
        if (kind == ModelKind.Generation)
        {
            chatTemplate = json.ChatTemplate ?? ChatTemplates.Plain;
            if (!ChatTemplates.TryGet(chatTemplate, out _))
            {
                throw Invalid($"chat_template '{chatTemplate}' is unknown (expected 'chatml' or 'plain')");
            }
        }

        var pooling = json.Pooling ?? "mean";
        if (pooling is not ("mean" or "cls"))
        {
            throw Invalid($"pooling '{pooling}' is unknown (expected 'mean' or 'cls')");
        }

        return new ModelManifest(
            id,
            kind,
            contextLength,
            json.Dimensions,
            json.Created ?? 0,
            json.OwnedBy ?? DefaultOwner,
            chatTemplate,
            json.EosTokenIds ?? [],
            CheckFileName(onnx, "onnx"),
            ToTokenizer(json.Tokenizer ?? throw Invalid("missing key 'tokenizer'")),
            pooling,
            json.Normalize ?? true);
    }

    private static TokenizerManifest ToTokenizer(TokenizerJson json) =>
        Required(json.Type, "tokenizer.type") switch
        {
            "tiktoken" => new TokenizerManifest("tiktoken", Encoding: Required(json.Encoding, "tokenizer.encoding")),
            "bpe" => new TokenizerManifest(
                "bpe",
                Vocab: CheckFileName(json.Vocab ?? "vocab.json", "tokenizer.vocab"),
                Merges: CheckFileName(json.Merges ?? "merges.txt", "tokenizer.merges")),
            "sentencepiece" => new TokenizerManifest("sentencepiece", Model: CheckFileName(json.Model ?? "tokenizer.model", "tokenizer.model")),
            "wordpiece" => new TokenizerManifest(
                "wordpiece",
                Vocab: CheckFileName(json.Vocab ?? "vocab.txt", "tokenizer.vocab"),
                Lowercase: json.Lowercase ?? true,
                StripAccents: json.StripAccents ?? true),
            var other => throw Invalid($"tokenizer type '{other}' is unknown (expected tiktoken, bpe, sentencepiece or wordpiece)"),
        };

    private static string Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"missing key '{key}'") : value;

    /// <summary>File names must stay inside the model folder: a path would let model.json reach any file.</summary>
    private static string CheckFileName(string name, string key) =>
        name.Length == 0 || name != Path.GetFileName(name) || name is "." or ".."
            ? throw Invalid($"{key} '{name}' must be a file name inside the model folder")
            : name;

    private static ModelLoadException Invalid(string reason) => new(ModelJson.FileName, reason);
}
