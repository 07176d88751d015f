namespace Serverless.OpenAI.Chat;

/// <summary>The name (first piece only) and a piece of the arguments of a streamed tool call.</summary>
public sealed record FunctionCallDelta(string? Name, string Arguments);
