namespace Serverless.Inference;

/// <summary>One vector per input, in input order, and the tokens the model read for them all.</summary>
public sealed record EmbeddingBatch(IReadOnlyList<float[]> Vectors, int PromptTokens);
