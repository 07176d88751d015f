using Serverless.Inference;

namespace Serverless.Worker.Generation;

/// <summary>
/// A piece of one choice in a merged stream of several choices; with log probabilities asked for, the piece's
/// tokens and where the first one's text starts in the choice's text.
/// </summary>
internal sealed record ChoiceChunk(int Index, string Text, int CompletionTokens, FinishReason? FinishReason, IReadOnlyList<LoggedToken>? Logprobs = null, int TextOffset = 0);
