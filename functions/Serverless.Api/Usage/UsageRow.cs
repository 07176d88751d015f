using System.Text.Json.Serialization;

namespace Serverless.Api.Usage;

/// <summary>One row of the usage API, as in the seed: a UTC day (and model), with its tokens, requests and cost.</summary>
/// <param name="Timestamp">Unix seconds of the UTC day's start.</param>
/// <param name="Model">The model; null in rows that sum every model (<c>group_by=day</c>).</param>
/// <param name="PromptTokens">Input tokens.</param>
/// <param name="CompletionTokens">Output tokens.</param>
/// <param name="TotalTokens">Input and output tokens.</param>
/// <param name="Requests">Billable requests.</param>
/// <param name="Cost">Their cost from the price table.</param>
/// <param name="Errors">Requests that passed validation and were answered with an error (not in <paramref name="Requests"/> unless they used tokens).</param>
/// <param name="RateLimited">Requests refused with 429.</param>
/// <param name="Cached">Billable requests answered from the response cache (in <paramref name="Requests"/>, at the cached price).</param>
public sealed record UsageRow(
    long Timestamp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Model,
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    long Requests,
    decimal Cost,
    long Errors,
    long RateLimited,
    long Cached);
