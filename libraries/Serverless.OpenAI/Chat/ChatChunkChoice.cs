using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>The change one chunk makes to one choice.</summary>
public sealed record ChatChunkChoice(
    int Index,
    ChatDelta Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Log probabilities are not produced; OpenAI sends null then.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
