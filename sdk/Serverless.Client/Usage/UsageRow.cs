namespace Serverless.Client.Usage;

/// <summary>A UTC day's (and model's) usage.</summary>
/// <param name="Timestamp">Unix seconds of the UTC day's start.</param>
/// <param name="Model">The model; null in rows that sum every model (<see cref="UsageGrouping.Day"/>).</param>
/// <param name="PromptTokens">Input tokens.</param>
/// <param name="CompletionTokens">Output tokens.</param>
/// <param name="TotalTokens">Both.</param>
/// <param name="Requests">Billable requests.</param>
/// <param name="Cost">Their cost from the deployment's price table.</param>
/// <param name="Errors">Requests that passed validation and were answered with an error (0 from a deployment that does not count them).</param>
/// <param name="RateLimited">Requests refused with 429 (0 from a deployment that does not count them).</param>
/// <param name="Cached">Billable requests answered from the response cache, at the model's cached price (0 from a deployment that does not cache).</param>
public sealed record UsageRow(
    long Timestamp, string? Model, long PromptTokens, long CompletionTokens, long TotalTokens, long Requests, decimal Cost, long Errors = 0, long RateLimited = 0, long Cached = 0)
{
    /// <summary>The UTC day of the row.</summary>
    public DateOnly Day => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(Timestamp).UtcDateTime);
}
