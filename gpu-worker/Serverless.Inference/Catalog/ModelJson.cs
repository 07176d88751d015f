namespace Serverless.Inference.Catalog;

/// <summary>model.json as written on disk; every key optional here so that a missing one gets a precise reason.</summary>
internal sealed record ModelJson(
    string? Id,
    string? Kind,
    string? Onnx,
    TokenizerJson? Tokenizer,
    string? ChatTemplate,
    int? ContextLength,
    int[]? EosTokenIds,
    int? Dimensions,
    string? Pooling,
    bool? Normalize,
    long? Created,
    string? OwnedBy);
