using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Completions;

/// <summary>One generated text.</summary>
public sealed record CompletionChoice(
    string Text,
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Log probabilities are not produced; OpenAI sends null then.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
