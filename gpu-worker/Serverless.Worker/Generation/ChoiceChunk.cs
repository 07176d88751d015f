using Serverless.Inference;
using Serverless.OpenAI.Chat;

namespace Serverless.Worker.Generation;

/// <summary>
/// A piece of one choice in a merged stream of several choices; with log probabilities asked for, the piece's
/// tokens and where the first one's text starts in the choice's text. A choice that calls tools streams
/// <see cref="ToolCalls"/> pieces, and its last chunk says so (<see cref="CalledTools"/>).
/// </summary>
internal sealed record ChoiceChunk(
    int Index,
    string Text,
    int CompletionTokens,
    FinishReason? FinishReason,
    IReadOnlyList<LoggedToken>? Logprobs = null,
    int TextOffset = 0,
    IReadOnlyList<ToolCallDelta>? ToolCalls = null,
    bool CalledTools = false);
