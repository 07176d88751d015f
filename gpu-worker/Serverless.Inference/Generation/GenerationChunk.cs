namespace Serverless.Inference;

/// <summary>
/// One streamed piece: <see cref="Text"/> to append (may be empty), the cumulative
/// <see cref="CompletionTokens"/> so far, and <see cref="FinishReason"/> set on the last chunk only.
/// </summary>
public sealed record GenerationChunk(string Text, int CompletionTokens, FinishReason? FinishReason);
