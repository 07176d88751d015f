using Serverless.Jobs;

namespace Serverless.Api.Keys;

/// <summary>Per-key limits and service settings that override its tier; null fields fall back to the tier.</summary>
/// <param name="Rpm">Requests per minute.</param>
/// <param name="Tpm">Tokens per minute.</param>
/// <param name="Rpd">Requests per day (UTC).</param>
/// <param name="Tpd">Tokens per day (UTC).</param>
/// <param name="MaxConcurrency">Requests in flight at once.</param>
/// <param name="Budget">Spending budget per day, in the price table's currency.</param>
/// <param name="MaxJobs">Async jobs queued or running at once.</param>
/// <param name="Priority">The class its work is served in when the worker is saturated; <see cref="PriorityClass.Normal"/> when no one says.</param>
/// <param name="ResponseCache">Whether deterministic answers may be served from, and kept in, the response cache; off when no one says.</param>
public sealed record KeyLimits(
    long? Rpm = null,
    long? Tpm = null,
    long? Rpd = null,
    long? Tpd = null,
    int? MaxConcurrency = null,
    decimal? Budget = null,
    int? MaxJobs = null,
    PriorityClass? Priority = null,
    bool? ResponseCache = null)
{
    /// <summary>The largest value any count limit may take.</summary>
    public const long MaxCount = 1_000_000_000_000;

    /// <summary>The name of the first field that is not a sensible limit (zero, negative or absurd), or null.</summary>
    public string? FirstInvalidField() => this switch
    {
        { Rpm: <= 0 or > MaxCount } => "rpm",
        { Tpm: <= 0 or > MaxCount } => "tpm",
        { Rpd: <= 0 or > MaxCount } => "rpd",
        { Tpd: <= 0 or > MaxCount } => "tpd",
        { MaxConcurrency: <= 0 or > 100_000 } => "max_concurrency",
        { Budget: <= 0 or > 1_000_000_000 } => "budget",
        { MaxJobs: <= 0 or > Jobs.ActiveJobs.MaxLimit } => "max_jobs",
        _ => null,
    };
}
