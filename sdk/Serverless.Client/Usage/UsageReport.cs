namespace Serverless.Client.Usage;

/// <summary>The answer of <c>GET /v1/usage</c> and <c>GET /v1/usage/daily</c>: rows oldest day first, and their total.</summary>
/// <param name="Data">One row per UTC day and model (or per day, grouped by day).</param>
/// <param name="Total">The sum of every row.</param>
public sealed record UsageReport(IReadOnlyList<UsageRow> Data, UsageTotal Total)
{
    /// <summary>The object type: <c>list</c>.</summary>
    public string Object { get; init; } = "list";
}
