namespace Serverless.Api.Quotas;

/// <summary>One limit: its name (<c>rpm</c>, <c>tpm</c>, ...), its value, what is used and left in the window, and when it resets (Unix seconds; null for concurrency).</summary>
public sealed record QuotaLine(string Limit, long Value, long Used, long Remaining, long? ResetsAt);
