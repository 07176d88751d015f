using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>One message of a conversation; content parts other than text are refused by the parser.</summary>
public sealed record ChatMessage
{
    /// <summary><c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string? Role { get; init; }

    /// <summary>The text of the message (text parts joined); an assistant message with tool calls may have none.</summary>
    [JsonConverter(typeof(MessageContentConverter))]
    public string? Content { get; init; }

    /// <summary>An optional participant name.</summary>
    public string? Name { get; init; }

    /// <summary>The calls an earlier assistant turn made.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>Which call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; init; }
}
