namespace Serverless.Inference;

/// <summary>One completion to generate from an already tokenized prompt.</summary>
public sealed record GenerationRequest(
    IReadOnlyList<int> PromptTokens,
    int MaxTokens,
    SamplingParameters Sampling,
    IReadOnlyList<string> StopSequences);
