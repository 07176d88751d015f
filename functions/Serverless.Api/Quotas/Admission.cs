using Serverless.Api.Keys;

namespace Serverless.Api.Quotas;

/// <summary>
/// An admitted request's hold on its limits: what it reserved of each counter, to be settled to what it really used
/// (or released entirely when the call failed) exactly once.
/// </summary>
public sealed class Admission(LeasedCounters counters, IReadOnlyList<(CounterId Id, long Amount)> reserved, DateTimeOffset admittedAt)
{
    private int settled;

    /// <summary>When the request was admitted (its windows).</summary>
    public DateTimeOffset AdmittedAt { get; } = admittedAt;

    /// <summary>The caller's limits and service settings it was admitted under: its key's own, else its tier's.</summary>
    public KeyLimits Limits { get; init; } = new();

    /// <summary>Settles to actual usage: requests stay counted when the worker answered, tokens and spend become real.</summary>
    public async Task SettleAsync(bool answered, long tokens, long spendMicros, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref settled, 1) == 1)
        {
            return;
        }

        foreach (var (id, amount) in reserved)
        {
            await counters.AdjustAsync(id, Actual(id.Kind, amount, answered, tokens, spendMicros) - amount, AdmittedAt, cancellationToken);
        }
    }

    /// <summary>
    /// Hands the reservation over to be settled later (an async job's): gives its concurrency back now, since a
    /// queued job holds no connection, and returns the rest as data; this admission then settles nothing itself.
    /// </summary>
    public async Task<Reservation> DetachAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref settled, 1) == 1)
        {
            throw new InvalidOperationException("The admission was already settled.");
        }

        var kept = new List<ReservedAmount>(reserved.Count);
        foreach (var (id, amount) in reserved)
        {
            if (id.Kind == LimitKind.Concurrency)
            {
                await counters.AdjustAsync(id, -amount, AdmittedAt, cancellationToken);
            }
            else
            {
                kept.Add(new ReservedAmount(id.Subject, id.Kind, amount));
            }
        }

        return new Reservation(kept, AdmittedAt);
    }

    /// <summary>What a counter keeps of its reservation once the call is over.</summary>
    internal static long Actual(LimitKind kind, long reserved, bool answered, long tokens, long spendMicros) => kind switch
    {
        LimitKind.Concurrency => 0,
        LimitKind.RequestsPerMinute or LimitKind.RequestsPerDay => answered ? reserved : 0,
        LimitKind.BudgetPerDay => answered ? spendMicros : 0,
        _ => answered ? tokens : 0,
    };
}
