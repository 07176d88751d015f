namespace Serverless.Worker.Generation.Tools;

/// <summary>A call read from a model's output: the function and its arguments as JSON text.</summary>
internal sealed record ParsedToolCall(string Name, string Arguments);
