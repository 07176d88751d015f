using Serverless.Inference;

namespace Serverless.Worker.Generation;

/// <summary>One choice to generate: its index in the answer and the engine request that produces it.</summary>
internal sealed record ChoiceJob(int Index, GenerationRequest Request);
