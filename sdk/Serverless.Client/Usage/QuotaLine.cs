namespace Serverless.Client.Usage;

/// <summary>One limit and its use in the current window.</summary>
/// <param name="Limit">Its name: <c>rpm</c>, <c>tpm</c>, <c>rpd</c>, <c>tpd</c>, <c>max_concurrency</c>, <c>budget</c> (in millionths) or <c>jobs</c>.</param>
/// <param name="Value">The limit.</param>
/// <param name="Used">What is used.</param>
/// <param name="Remaining">What is left.</param>
/// <param name="ResetsAt">When the window resets (Unix seconds); null for limits without a window.</param>
public sealed record QuotaLine(string Limit, long Value, long Used, long Remaining, long? ResetsAt);
