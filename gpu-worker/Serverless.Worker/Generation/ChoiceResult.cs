using Serverless.Inference;

namespace Serverless.Worker.Generation;

/// <summary>A finished choice: its whole text, why it ended, how many tokens it took and, when asked for, their log probabilities.</summary>
internal sealed record ChoiceResult(int Index, string Text, FinishReason FinishReason, int CompletionTokens, IReadOnlyList<LoggedToken>? Logprobs = null);
