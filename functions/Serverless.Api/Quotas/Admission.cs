namespace Serverless.Api.Quotas;

/// <summary>
/// An admitted request's hold on its limits: what it reserved of each counter, to be settled to what it really used
/// (or released entirely when the call failed) exactly once.
/// </summary>
public sealed class Admission(
    LeasedCounters counters, IReadOnlyList<(CounterId Id, long Amount)> reserved, DateTimeOffset admittedAt, RateLimitState state)
{
    private int settled;

    /// <summary>The key-wide request and token limits, for the <c>x-ratelimit-*</c> headers.</summary>
    public RateLimitState State { get; } = state;

    /// <summary>When the request was admitted (its windows).</summary>
    public DateTimeOffset AdmittedAt { get; } = admittedAt;

    /// <summary>Settles to actual usage: requests stay counted when the worker answered, tokens and spend become real.</summary>
    public async Task SettleAsync(bool answered, long tokens, long spendMicros, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref settled, 1) == 1)
        {
            return;
        }

        foreach (var (id, amount) in reserved)
        {
            var actual = id.Kind switch
            {
                LimitKind.Concurrency => 0,
                LimitKind.RequestsPerMinute or LimitKind.RequestsPerDay => answered ? amount : 0,
                LimitKind.BudgetPerDay => answered ? spendMicros : 0,
                _ => answered ? tokens : 0,
            };
            await counters.AdjustAsync(id, actual - amount, AdmittedAt, cancellationToken);
        }
    }
}
