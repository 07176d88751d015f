using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Completions;

/// <summary>One generated text; <see cref="Logprobs"/> is null (sent as null) unless the request asked for them.</summary>
public sealed record CompletionChoice(
    string Text,
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] CompletionLogprobs? Logprobs = null);
