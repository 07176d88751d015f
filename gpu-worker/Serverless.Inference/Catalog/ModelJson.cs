using System.Text.Json;

namespace Serverless.Inference.Catalog;

/// <summary>
/// model.json as docs/model-folder.md defines it: the one definition of a model folder's manifest, which the model
/// builder writes and <see cref="ManifestReader"/> reads. Every key is optional here so that a missing one gets a
/// precise reason when read; generation-only and embedding-only keys stay null for the other kind.
/// </summary>
/// <param name="Id">The model id the API serves it as.</param>
/// <param name="Kind"><c>generation</c> or <c>embedding</c>.</param>
/// <param name="Onnx">The ONNX file name (default <c>model.onnx</c>).</param>
/// <param name="Tokenizer">How its text is tokenized.</param>
/// <param name="ChatTemplate">How chat turns become a prompt (generation).</param>
/// <param name="ContextLength">The longest sequence it takes, prompt and completion together.</param>
/// <param name="EosTokenIds">The tokens that end a completion (generation).</param>
/// <param name="Dimensions">The vector size (embedding).</param>
/// <param name="Pooling"><c>mean</c> or <c>cls</c> (embedding).</param>
/// <param name="Normalize">Whether vectors are scaled to length 1 (embedding).</param>
/// <param name="Created">The <c>created</c> of <c>/v1/models</c> (Unix seconds).</param>
/// <param name="OwnedBy">The <c>owned_by</c> of <c>/v1/models</c>.</param>
public sealed record ModelJson(
    string? Id,
    string? Kind,
    string? Onnx = null,
    TokenizerJson? Tokenizer = null,
    string? ChatTemplate = null,
    int? ContextLength = null,
    IReadOnlyList<int>? EosTokenIds = null,
    int? Dimensions = null,
    string? Pooling = null,
    bool? Normalize = null,
    long? Created = null,
    string? OwnedBy = null)
{
    /// <summary>The manifest's file name in a model folder.</summary>
    public const string FileName = "model.json";

    /// <summary>The ONNX file name when <see cref="Onnx"/> is not set.</summary>
    public const string DefaultOnnx = "model.onnx";

    /// <summary>Writes this manifest into <paramref name="folder"/> (indented, null keys left out).</summary>
    public void WriteTo(string folder)
    {
        using var stream = File.Create(Path.Combine(folder, FileName));
        JsonSerializer.Serialize(stream, this, ModelJsonContext.Default.ModelJson);
    }
}
