namespace Serverless.Client.Usage;

/// <summary>Limits of a key; null where none applies.</summary>
/// <param name="Rpm">Requests per minute.</param>
/// <param name="Tpm">Tokens per minute.</param>
/// <param name="Rpd">Requests per UTC day.</param>
/// <param name="Tpd">Tokens per UTC day.</param>
/// <param name="MaxConcurrency">Requests in flight at once.</param>
/// <param name="Budget">Spending per UTC day, in the price table's currency.</param>
/// <param name="MaxJobs">Async jobs queued or running at once.</param>
public sealed record QuotaLimits(long? Rpm = null, long? Tpm = null, long? Rpd = null, long? Tpd = null, int? MaxConcurrency = null, decimal? Budget = null, int? MaxJobs = null);
