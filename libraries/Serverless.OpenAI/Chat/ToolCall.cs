namespace Serverless.OpenAI.Chat;

/// <summary>A call the model made (<c>message.tool_calls[i]</c>), or one it made earlier that a request sends back.</summary>
public sealed record ToolCall(string? Id, string? Type, FunctionCall? Function);
