using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>The message a chat choice carries: its text, or (content null) the tools it calls.</summary>
public sealed record AssistantMessage(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Content,
    IReadOnlyList<ToolCall>? ToolCalls = null)
{
    /// <summary>Always <c>assistant</c>.</summary>
    public string Role => "assistant";
}
