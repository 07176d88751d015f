using Serverless.Inference;

namespace Serverless.Worker.Generation;

/// <summary>A finished choice: its whole text, why it ended and how many tokens it took.</summary>
internal sealed record ChoiceResult(int Index, string Text, FinishReason FinishReason, int CompletionTokens);
