namespace Serverless.OpenAI.Chat;

/// <summary>The function a tool call names and its arguments, a JSON text.</summary>
public sealed record FunctionCall(string? Name, string? Arguments);
