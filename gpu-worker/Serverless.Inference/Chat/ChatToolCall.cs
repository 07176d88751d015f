namespace Serverless.Inference;

/// <summary>A call an assistant turn made: its id, the function and the arguments as JSON text.</summary>
public sealed record ChatToolCall(string Id, string Name, string Arguments);
