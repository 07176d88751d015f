namespace Serverless.Inference;

/// <summary>
/// A loaded model's <c>model.json</c> (see docs/model-folder.md) with defaults applied;
/// <see cref="Dimensions"/> is the embedding width read from the graph when model.json omits it. A Hugging Face
/// export's Jinja chat template is <see cref="ChatTemplateSource"/>, rendered with <see cref="BosToken"/> and
/// <see cref="EosToken"/>; <see cref="EosToken"/> also ends completions.
/// </summary>
public sealed record ModelManifest(
    string Id,
    ModelKind Kind,
    int ContextLength,
    int? Dimensions,
    long Created,
    string OwnedBy,
    string? ChatTemplate,
    IReadOnlyList<int> EosTokenIds,
    string Onnx,
    TokenizerManifest Tokenizer,
    string Pooling,
    bool Normalize,
    string? ChatTemplateSource = null,
    string? BosToken = null,
    string? EosToken = null);
