namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>The settings of a "BPE" model besides its vocabulary and merges.</summary>
internal sealed record BpeOptions(
    string? UnkToken,
    string? ContinuingSubwordPrefix,
    string? EndOfWordSuffix,
    bool FuseUnk,
    bool ByteFallback,
    bool IgnoreMerges);
