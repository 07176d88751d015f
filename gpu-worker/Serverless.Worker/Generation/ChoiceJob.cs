using Serverless.Inference;
using Serverless.Worker.Generation.Tools;

namespace Serverless.Worker.Generation;

/// <summary>One choice to generate: its index in the answer, the engine request that produces it, and how its output is read for tool calls.</summary>
internal sealed record ChoiceJob(int Index, GenerationRequest Request, ToolCalling? Tools = null);
