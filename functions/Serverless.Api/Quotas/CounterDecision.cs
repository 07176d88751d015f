namespace Serverless.Api.Quotas;

/// <summary>The answer of one counter: admitted or not, the limit, what is left, when the window resets, and the usage in all.</summary>
public sealed record CounterDecision(bool Admitted, long Limit, long Remaining, DateTimeOffset Resets, long Used);
