namespace Serverless.OpenAI.Chat;

/// <summary>Text or tool calls added to a choice; the first chunk of a choice also names the role.</summary>
public sealed record ChatDelta(string? Role, string? Content, IReadOnlyList<ToolCallDelta>? ToolCalls = null);
