using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>A chat choice's <c>logprobs</c>: one entry per generated token; <c>refusal</c> is always null here.</summary>
public sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content)
{
    /// <summary>Log probabilities of refusal tokens: this API never refuses, so null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Refusal => null;
}
