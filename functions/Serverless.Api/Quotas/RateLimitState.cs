namespace Serverless.Api.Quotas;

/// <summary>The key-wide per-minute request and token counters as admission left them (null where no such limit applies).</summary>
public sealed record RateLimitState(CounterDecision? Requests, CounterDecision? Tokens);
