namespace Serverless.Inference.Catalog;

/// <summary>The <c>tokenizer</c> object of model.json as written on disk.</summary>
internal sealed record TokenizerJson(
    string? Type,
    string? Encoding,
    string? Vocab,
    string? Merges,
    string? Model,
    bool? Lowercase,
    bool? StripAccents);
