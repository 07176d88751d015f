using Serverless.Inference;

namespace Serverless.Worker.Generation;

/// <summary>A piece of one choice in a merged stream of several choices.</summary>
internal sealed record ChoiceChunk(int Index, string Text, int CompletionTokens, FinishReason? FinishReason);
