namespace Serverless.Api.Usage;

/// <summary>An owner's use of one model on one UTC day: a rollup row, or what a flush adds to one.</summary>
/// <remarks>
/// <see cref="Requests"/> are billable requests; <see cref="Errors"/> are requests that passed validation and were
/// answered with an error (billed only for what they used), <see cref="RateLimited"/> are 429 refusals, and
/// <see cref="Cached"/> are the billable requests answered from the response cache.
/// </remarks>
internal sealed record DailyUsage(
    DateOnly Day, string Model, long PromptTokens, long CompletionTokens, long Requests, long ComputeMs, decimal Cost, long Errors = 0, long RateLimited = 0, long Cached = 0)
{
    /// <summary>The sum of this and <paramref name="other"/> (same day and model).</summary>
    public DailyUsage Plus(DailyUsage other) => this with
    {
        PromptTokens = PromptTokens + other.PromptTokens,
        CompletionTokens = CompletionTokens + other.CompletionTokens,
        Requests = Requests + other.Requests,
        ComputeMs = ComputeMs + other.ComputeMs,
        Cost = Cost + other.Cost,
        Errors = Errors + other.Errors,
        RateLimited = RateLimited + other.RateLimited,
        Cached = Cached + other.Cached,
    };
}
