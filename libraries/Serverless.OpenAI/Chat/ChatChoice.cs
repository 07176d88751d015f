using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>One generated assistant message; <see cref="Logprobs"/> is null (sent as null) unless the request asked for them.</summary>
public sealed record ChatChoice(
    int Index,
    AssistantMessage Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ChatLogprobs? Logprobs = null);
