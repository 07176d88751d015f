using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Errors;

/// <summary>
/// The OpenAI error object: <c>{"message","type","param","code"}</c>, plus the design's <c>current_usage</c> and
/// <c>retry_after</c> on rate-limit errors (absent otherwise).
/// </summary>
public sealed record OpenAIError(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code,
    IReadOnlyDictionary<string, long>? CurrentUsage = null,
    int? RetryAfter = null);
