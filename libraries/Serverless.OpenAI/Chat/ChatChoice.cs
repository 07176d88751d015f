using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>One generated assistant message.</summary>
public sealed record ChatChoice(
    int Index,
    AssistantMessage Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Log probabilities are not produced; OpenAI sends null then.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
