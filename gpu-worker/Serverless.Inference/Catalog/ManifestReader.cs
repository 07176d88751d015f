using System.Text.Json;
using Serverless.Inference.Chat;

namespace Serverless.Inference.Catalog;

/// <summary>Reads and checks a folder's model.json and Hugging Face export files, applying the defaults docs/model-folder.md gives.</summary>
internal static class ManifestReader
{
    private const string DefaultOwner = "system";

    /// <summary>
    /// Reads model.json, a Hugging Face export's own files, or both: keys model.json sets override what the export
    /// says, so a model.json in an export folder need only name what it changes.
    /// </summary>
    public static ModelManifest Read(string folder)
    {
        var declared = File.Exists(Path.Combine(folder, ModelJson.FileName)) ? ReadModelJson(folder) : null;
        if (!File.Exists(Path.Combine(folder, ModelFolders.ExportConfig)))
        {
            return ToManifest(declared ?? throw new ModelLoadException(ModelJson.FileName, "file not found"), export: null);
        }

        var export = HuggingFaceExport.Read(folder, declared);
        return ToManifest(declared is null ? export.Json : Overlay(declared, export.Json), export);
    }

    private static ModelJson ReadModelJson(string folder)
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

        return json ?? throw new ModelLoadException(ModelJson.FileName, "is null, expected an object");
    }

    private static ModelJson Overlay(ModelJson declared, ModelJson found) => new(
        declared.Id ?? found.Id,
        declared.Kind ?? found.Kind,
        declared.Onnx ?? found.Onnx,
        declared.Tokenizer ?? found.Tokenizer,
        declared.ChatTemplate ?? found.ChatTemplate,
        declared.ContextLength ?? found.ContextLength,
        declared.EosTokenIds ?? found.EosTokenIds,
        declared.Dimensions ?? found.Dimensions,
        declared.Pooling ?? found.Pooling,
        declared.Normalize ?? found.Normalize,
        declared.Created ?? found.Created,
        declared.OwnedBy ?? found.OwnedBy);

    private static ModelManifest ToManifest(ModelJson json, HuggingFaceExport? export)
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
            chatTemplate = json.ChatTemplate ?? (export?.ChatTemplateSource is null ? ChatTemplates.Plain : ChatTemplates.Jinja);
            if (chatTemplate == ChatTemplates.Jinja && export?.ChatTemplateSource is null)
            {
                throw Invalid($"chat_template 'jinja' needs a chat_template in {HuggingFaceExport.TokenizerConfig} or a {HuggingFaceExport.ChatTemplateFile}");
            }

            if (chatTemplate != ChatTemplates.Jinja && !ChatTemplates.TryGet(chatTemplate, out _))
            {
                throw Invalid($"chat_template '{chatTemplate}' is unknown (expected 'chatml', 'plain' or 'jinja')");
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
            json.Normalize ?? true,
            chatTemplate == ChatTemplates.Jinja ? export!.ChatTemplateSource : null,
            export?.BosToken,
            export?.EosToken);
    }

    private static TokenizerManifest ToTokenizer(TokenizerJson json) =>
        Required(json.Type, "tokenizer.type") switch
        {
            "huggingface" => new TokenizerManifest("huggingface", File: CheckFileName(json.File ?? HuggingFaceExport.TokenizerFile, "tokenizer.file")),
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
            var other => throw Invalid($"tokenizer type '{other}' is unknown (expected huggingface, tiktoken, bpe, sentencepiece or wordpiece)"),
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
