namespace Serverless.Inference;

/// <summary>
/// One streamed piece: <see cref="Text"/> to append (may be empty), the cumulative
/// <see cref="CompletionTokens"/> so far, and <see cref="FinishReason"/> set on the last chunk only. When the request
/// asked for them, <see cref="Logprobs"/> holds the tokens generated since the previous chunk (text can lag its
/// tokens by a part of a character, so a chunk may carry a token whose text comes in the next).
/// </summary>
public sealed record GenerationChunk(string Text, int CompletionTokens, FinishReason? FinishReason, IReadOnlyList<TokenLogprob>? Logprobs = null);
