namespace Serverless.Inference;

/// <summary>
/// A loaded model's <c>model.json</c> (see docs/model-folder.md) with defaults applied;
/// <see cref="Dimensions"/> is the embedding width read from the graph when model.json omits it.
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
    bool Normalize);
