using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Quotas;

/// <summary>
/// Exact limits across many instances at well under one storage call per request: each instance leases blocks of
/// each limit from the shared counter (ETag-guarded, so the leases of all instances never add up to more than the
/// limit), admits requests from its block, and gives idle capacity back. Admissions can therefore never exceed a
/// limit, whatever the number of instances.
/// </summary>
public sealed class LeasedCounters(CounterStore store, IOptions<QuotaOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ExhaustionMemory = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<CounterId, CounterLease> leases = new();

    /// <summary>Takes <paramref name="amount"/> of the limit; the answer says whether it was admitted and what is left.</summary>
    public async Task<CounterDecision> AcquireAsync(CounterId id, long amount, long limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (window, ends) = QuotaWindows.Of(id.Kind, now);
        var lease = leases.GetOrAdd(id, static key => new CounterLease(key));
        await lease.Gate.WaitAsync(cancellationToken);
        try
        {
            lease.Roll(window);
            lease.LastUsed = now;
            if (lease.Unused < amount)
            {
                if (lease.ExhaustedUntil > now)
                {
                    return Reject(lease, limit, ends, now);
                }

                var needed = amount - lease.Unused;
                var block = Math.Max(needed, (long)Math.Ceiling(limit * options.Value.LeaseFraction));
                var (granted, before) = await store.LeaseAsync(id, window, needed, block, limit, cancellationToken);
                lease.LeasedInAll = before + granted;
                if (granted == 0)
                {
                    lease.ExhaustedUntil = now + ExhaustionMemory;
                    return Reject(lease, limit, ends, now);
                }

                lease.Granted += granted;
            }

            lease.Consumed += amount;
            return new CounterDecision(true, limit, Remaining(lease, limit), ends, lease.LeasedInAll);
        }
        finally
        {
            lease.Gate.Release();
        }
    }

    /// <summary>
    /// Corrects what a request took: a negative <paramref name="delta"/> gives back what it did not use (a failed
    /// call gives back all), a positive one charges what it used beyond its reservation, even past the limit:
    /// usage that happened is counted.
    /// </summary>
    public async Task AdjustAsync(CounterId id, long delta, DateTimeOffset admittedAt, CancellationToken cancellationToken)
    {
        if (delta == 0 || !leases.TryGetValue(id, out var lease))
        {
            return;
        }

        var (window, _) = QuotaWindows.Of(id.Kind, admittedAt);
        await lease.Gate.WaitAsync(cancellationToken);
        try
        {
            if (lease.Window != window)
            {
                return; // the window it was taken in is over
            }

            lease.Consumed = Math.Max(0, lease.Consumed + delta);
            var overdraft = lease.Consumed - lease.Granted;
            if (overdraft > 0)
            {
                await store.AdjustAsync(id, window, overdraft, cancellationToken);
                lease.Granted += overdraft;
                lease.LeasedInAll += overdraft;
            }
        }
        finally
        {
            lease.Gate.Release();
        }
    }

    /// <summary>
    /// Like <see cref="AdjustAsync"/> for a reservation that may have been taken by another instance (or before a
    /// restart): through this instance's lease when it has one in the window, else straight on the shared counter.
    /// </summary>
    public async Task AdjustAnywhereAsync(CounterId id, long delta, DateTimeOffset admittedAt, CancellationToken cancellationToken)
    {
        if (delta == 0)
        {
            return;
        }

        var (window, _) = QuotaWindows.Of(id.Kind, admittedAt);
        if (leases.TryGetValue(id, out var lease) && lease.Window == window)
        {
            await AdjustAsync(id, delta, admittedAt, cancellationToken);
            return;
        }

        await store.AdjustAsync(id, window, delta, cancellationToken);
    }

    /// <summary>Gives capacity that has sat unused for a while back to the shared counter, so other instances can use it.</summary>
    public async Task ReturnIdleAsync(bool all, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var lease in leases.Values)
        {
            if (lease.Unused == 0 || (!all && now - lease.LastUsed < options.Value.ReturnIdleLeasesAfter))
            {
                continue;
            }

            await lease.Gate.WaitAsync(cancellationToken);
            try
            {
                var unused = lease.Unused;
                if (unused > 0 && QuotaWindows.Of(lease.Id.Kind, now).Id == lease.Window)
                {
                    await store.AdjustAsync(lease.Id, lease.Window, -unused, cancellationToken);
                    lease.Granted -= unused;
                    lease.LeasedInAll -= unused;
                    lease.ExhaustedUntil = DateTimeOffset.MinValue;
                }
            }
            finally
            {
                lease.Gate.Release();
            }
        }
    }

    /// <summary>The counter as this instance last saw it, without taking anything or calling storage (for headers).</summary>
    public CounterDecision Peek(CounterId id, long limit)
    {
        var (window, ends) = QuotaWindows.Of(id.Kind, time.GetUtcNow());
        return leases.TryGetValue(id, out var lease) && lease.Window == window
            ? new CounterDecision(true, limit, Remaining(lease, limit), ends, lease.LeasedInAll)
            : new CounterDecision(true, limit, limit, ends, 0);
    }

    /// <summary>
    /// What of <paramref name="id"/>'s current window this instance leased and has not used: counted as used in the
    /// shared counter, though nothing was admitted against it yet.
    /// </summary>
    public long UnusedHere(CounterId id) =>
        leases.TryGetValue(id, out var lease) && lease.Window == QuotaWindows.Of(id.Kind, time.GetUtcNow()).Id ? lease.Unused : 0;

    /// <summary>What is known to be left: the limit less what all instances had leased, plus this instance's unused part.</summary>
    private static long Remaining(CounterLease lease, long limit) => Math.Max(0, limit - lease.LeasedInAll + lease.Unused);

    private static CounterDecision Reject(CounterLease lease, long limit, DateTimeOffset ends, DateTimeOffset now) =>
        new(false, limit, Remaining(lease, limit), ends, lease.LeasedInAll);
}
