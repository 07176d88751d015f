namespace Serverless.Client.Usage;

/// <summary>A UTC day's (and model's) usage.</summary>
/// <param name="Timestamp">Unix seconds of the UTC day's start.</param>
/// <param name="Model">The model; null in rows that sum every model (<see cref="UsageGrouping.Day"/>).</param>
/// <param name="PromptTokens">Input tokens.</param>
/// <param name="CompletionTokens">Output tokens.</param>
/// <param name="TotalTokens">Both.</param>
/// <param name="Requests">Billable requests.</param>
/// <param name="Cost">Their cost from the deployment's price table.</param>
public sealed record UsageRow(long Timestamp, string? Model, long PromptTokens, long CompletionTokens, long TotalTokens, long Requests, decimal Cost)
{
    /// <summary>The UTC day of the row.</summary>
    public DateOnly Day => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(Timestamp).UtcDateTime);
}
