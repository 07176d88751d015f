namespace Serverless.Inference;

/// <summary>
/// One message of a chat: its role (<c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>…) and text; an assistant
/// turn may carry the tool calls it made, and a <c>tool</c> turn names the call it answers.
/// </summary>
public sealed record ChatTurn(string Role, string Content)
{
    /// <summary>The calls an assistant turn made.</summary>
    public IReadOnlyList<ChatToolCall> ToolCalls { get; init; } = [];

    /// <summary>The call a <c>tool</c> turn answers.</summary>
    public string? ToolCallId { get; init; }
}
