using Serverless.Inference;
using Serverless.OpenAI.Chat;

namespace Serverless.Worker.Generation;

/// <summary>
/// A finished choice: its whole text, why it ended, how many tokens it took and, when asked for, their log
/// probabilities; a choice whose output was tool calls has them in <see cref="ToolCalls"/> (and no text); a forced call cut
/// short by max_tokens keeps the arguments it had and ends by length.
/// </summary>
internal sealed record ChoiceResult(
    int Index, string Text, FinishReason FinishReason, int CompletionTokens, IReadOnlyList<LoggedToken>? Logprobs = null, IReadOnlyList<ToolCall>? ToolCalls = null);
