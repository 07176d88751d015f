namespace Serverless.Inference;

/// <summary>The <c>tokenizer</c> object of model.json; only the keys its <see cref="Type"/> uses are set.</summary>
public sealed record TokenizerManifest(
    string Type,
    string? Encoding = null,
    string? Vocab = null,
    string? Merges = null,
    string? Model = null,
    bool Lowercase = true,
    bool StripAccents = true,
    string? File = null);
