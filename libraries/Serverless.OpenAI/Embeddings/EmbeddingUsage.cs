namespace Serverless.OpenAI.Embeddings;

/// <summary>Token counts of an embeddings request (no completion tokens).</summary>
public sealed record EmbeddingUsage(int PromptTokens, int TotalTokens);
