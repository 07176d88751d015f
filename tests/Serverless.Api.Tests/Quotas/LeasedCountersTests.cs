using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Api.Quotas;
using Serverless.Testing;

namespace Serverless.Api.Tests.Quotas;

/// <summary>The lease-based counters against a real Azurite, with several "instances" sharing one table.</summary>
public sealed class LeasedCountersTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 10, 0, 5, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private Azurite? azurite;

    public async Task InitializeAsync() => azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await azurite!.DisposeAsync();

    private (LeasedCounters Counters, CounterStore Store) NewInstance(double leaseFraction = 0.1)
    {
        var store = new CounterStore(new TableServiceClient(azurite!.ConnectionString));
        var options = Options.Create(new QuotaOptions { LeaseFraction = leaseFraction, ReturnIdleLeasesAfter = TimeSpan.FromSeconds(2) });
        return (new LeasedCounters(store, options, time), store);
    }

    [Fact]
    public async Task ThreeInstances_Admit_ExactlyTheLimit_Under400ConcurrentRequests()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => NewInstance().Counters).ToArray();
        var id = new CounterId("key_exact", LimitKind.RequestsPerMinute);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => instances[i % 3].AcquireAsync(id, 1, 50, default)));

        Assert.Equal(50, decisions.Count(d => d.Admitted));
        Assert.All(decisions.Where(d => !d.Admitted), d => Assert.Equal(0, d.Remaining));
    }

    [Fact]
    public async Task Leasing_CostsFarFewerStorageCallsThanRequests()
    {
        var (counters, store) = NewInstance(leaseFraction: 0.05);
        var id = new CounterId("key_cheap", LimitKind.TokensPerMinute);

        for (var i = 0; i < 200; i++)
        {
            Assert.True((await counters.AcquireAsync(id, 10, 100_000, default)).Admitted);
        }

        Assert.InRange(store.Calls, 1, 10);
    }

    [Fact]
    public async Task IdleCapacity_GoesBack_ForOtherInstances()
    {
        var (first, store) = NewInstance(leaseFraction: 1.0);
        var (second, _) = NewInstance(leaseFraction: 1.0);
        var id = new CounterId("key_share", LimitKind.RequestsPerDay);

        Assert.True((await first.AcquireAsync(id, 1, 10, default)).Admitted); // leases all 10
        Assert.False((await second.AcquireAsync(id, 1, 10, default)).Admitted);

        time.Advance(TimeSpan.FromSeconds(3));
        await first.ReturnIdleAsync(all: false, default);

        Assert.True((await second.AcquireAsync(id, 1, 10, default)).Admitted);
        Assert.Equal(10, await store.LeasedAsync(id, QuotaWindows.Of(id.Kind, time.GetUtcNow()).Id, default)); // 1 kept by the first, 9 by the second
        Assert.False((await second.AcquireAsync(id, 9, 10, default)).Admitted); // the second holds 8 unused; 9 would pass the limit
    }

    [Fact]
    public async Task ALateSettlement_ForAMinuteThatHasPassed_NeverChangesTheCurrentMinutesCounter()
    {
        var (counters, store) = NewInstance();
        var (other, _) = NewInstance();
        var id = new CounterId("key_late", LimitKind.TokensPerMinute);
        var admittedAt = time.GetUtcNow();
        Assert.True((await counters.AcquireAsync(id, 100, 10_000, default)).Admitted);

        // The next minute: another instance admits 700 tokens; then the old minute's job settles 900 over its reservation.
        time.Advance(TimeSpan.FromMinutes(1));
        var now = QuotaWindows.Of(LimitKind.TokensPerMinute, time.GetUtcNow()).Id;
        Assert.True((await other.AcquireAsync(id, 700, 10_000, default)).Admitted);
        var leasedBefore = await store.LeasedAsync(id, now, default);
        await other.AdjustAnywhereAsync(id, +900, admittedAt, default);

        Assert.Equal(leasedBefore, await store.LeasedAsync(id, now, default));
        Assert.True(leasedBefore >= 700);
    }

    [Fact]
    public async Task NextWindow_StartsAfresh()
    {
        var (counters, _) = NewInstance();
        var id = new CounterId("key_window", LimitKind.RequestsPerMinute);
        for (var i = 0; i < 5; i++)
        {
            await counters.AcquireAsync(id, 1, 5, default);
        }

        Assert.False((await counters.AcquireAsync(id, 1, 5, default)).Admitted);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True((await counters.AcquireAsync(id, 1, 5, default)).Admitted);
    }

    [Fact]
    public async Task Settlement_GivesBackUnusedTokens_AndChargesOverdraftsPastTheLimit()
    {
        var (counters, store) = NewInstance(leaseFraction: 0.01);
        var id = new CounterId("key_settle", LimitKind.TokensPerDay);
        var window = QuotaWindows.Of(id.Kind, time.GetUtcNow()).Id;

        Assert.True((await counters.AcquireAsync(id, 900, 1000, default)).Admitted);
        await counters.AdjustAsync(id, -800, time.GetUtcNow(), default); // used only 100
        Assert.True((await counters.AcquireAsync(id, 850, 1000, default)).Admitted);
        await counters.AdjustAsync(id, +150, time.GetUtcNow(), default); // used 1000 of an 850 reservation

        Assert.Equal(1100, await store.LeasedAsync(id, window, default));
        Assert.False((await counters.AcquireAsync(id, 1, 1000, default)).Admitted);
    }
}
