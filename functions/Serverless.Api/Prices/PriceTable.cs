using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Serverless.Api.Prices;

/// <summary>
/// The price of each model, read on every metered request. The whole table (a handful of rows) is loaded at once
/// and kept for <see cref="CacheTtl"/>, so the hot path costs no storage call; an admin change made on another
/// instance shows within that TTL. A model with no row is <see cref="ModelPrice.Unpriced"/>. While storage is down the last loaded prices
/// stay in use; with none loaded yet, <see cref="GetAsync"/> throws the storage error (callers fail closed).
/// </summary>
public sealed partial class PriceTable
{
    /// <summary>How long loaded prices are used before they are read again.</summary>
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(30);

    /// <summary>After a failed reload, how long the stale prices are kept before the next attempt.</summary>
    internal static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly PriceStore store;
    private readonly TimeProvider time;
    private readonly ILogger<PriceTable> logger;
    private readonly Lock gate = new();
    private Snapshot? current;
    private Task<Snapshot>? loading;
    private long generation;

    /// <summary>Creates the price table over <paramref name="tables"/>.</summary>
    public PriceTable(TableServiceClient tables, TimeProvider time, ILogger<PriceTable> logger)
    {
        store = new PriceStore(tables);
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The price of <paramref name="model"/>: zeros when it has none.</summary>
    public Task<ModelPrice> GetAsync(string model, CancellationToken cancellationToken)
    {
        var snapshot = current;
        return snapshot is not null && snapshot.Expires > time.GetUtcNow()
            ? snapshot.Find(model)
            : GetAfterLoadAsync(model, cancellationToken);
    }

    /// <summary>Every stored price, read from storage (not the cache): for the admin API.</summary>
    internal Task<IReadOnlyList<PriceRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>The stored price of a model, read from storage, or null.</summary>
    internal Task<PriceRecord?> FindAsync(string model, CancellationToken cancellationToken) => store.FindAsync(model, cancellationToken);

    /// <summary>Sets a price; this instance uses it at once, others within <see cref="CacheTtl"/>.</summary>
    internal async Task<PriceRecord> PutAsync(ModelPrice price, CancellationToken cancellationToken)
    {
        var stored = await store.PutAsync(price, time.GetUtcNow(), cancellationToken);
        Invalidate();
        return stored;
    }

    /// <summary>Stores each price whose model has none yet; returns how many were stored.</summary>
    internal async Task<int> AddMissingAsync(IEnumerable<ModelPrice> prices, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var price in prices)
        {
            added += await store.AddAsync(price, time.GetUtcNow(), cancellationToken) ? 1 : 0;
        }

        Invalidate();
        return added;
    }

    /// <summary>Removes a price; false when there was none.</summary>
    internal async Task<bool> DeleteAsync(string model, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(model, cancellationToken);
        Invalidate();
        return deleted;
    }

    private async Task<ModelPrice> GetAfterLoadAsync(string model, CancellationToken cancellationToken)
    {
        var snapshot = await LoadAsync().WaitAsync(cancellationToken);
        return await snapshot.Find(model);
    }

    /// <summary>One load at a time per instance, shared by every request that finds the prices stale.</summary>
    private Task<Snapshot> LoadAsync()
    {
        lock (gate)
        {
            if (loading is null || loading.IsCompleted)
            {
                loading = LoadCoreAsync(generation);
            }

            return loading;
        }
    }

    private async Task<Snapshot> LoadCoreAsync(long startedAt)
    {
        await Task.Yield(); // run the load outside the caller's lock
        try
        {
            // Not the caller's token: the load is shared, and one caller giving up must not fail the others.
            var prices = await store.ListAsync(CancellationToken.None);
            return Publish(new Snapshot(prices.Select(p => p.Price), time.GetUtcNow() + CacheTtl), startedAt);
        }
        catch (Exception e) when (current is { } stale && e is not OperationCanceledException)
        {
            LogReloadFailed(e);
            return Publish(new Snapshot(stale, time.GetUtcNow() + RetryAfterFailure), startedAt);
        }
    }

    private Snapshot Publish(Snapshot snapshot, long startedAt)
    {
        lock (gate)
        {
            // A load that began before an admin change must not bring the old prices back.
            if (startedAt == generation)
            {
                current = snapshot;
            }
        }

        return snapshot;
    }

    private void Invalidate()
    {
        lock (gate)
        {
            generation++;
            current = null;
            loading = null;
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Reloading prices failed; the prices loaded before stay in use")]
    private partial void LogReloadFailed(Exception exception);

    /// <summary>Prices as loaded, with a completed task per model so the hot path allocates nothing.</summary>
    private sealed class Snapshot
    {
        private const int MaxUnpricedModels = 1024;
        private readonly Dictionary<string, Task<ModelPrice>> prices;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<ModelPrice>> unpriced = new(StringComparer.Ordinal);

        public Snapshot(IEnumerable<ModelPrice> prices, DateTimeOffset expires)
        {
            this.prices = prices.ToDictionary(p => p.Model, Task.FromResult, StringComparer.Ordinal);
            Expires = expires;
        }

        public Snapshot(Snapshot stale, DateTimeOffset expires)
        {
            prices = stale.prices;
            Expires = expires;
        }

        public DateTimeOffset Expires { get; }

        public Task<ModelPrice> Find(string model)
        {
            if (prices.TryGetValue(model, out var price))
            {
                return price;
            }

            return unpriced.Count < MaxUnpricedModels
                ? unpriced.GetOrAdd(model, static m => Task.FromResult(ModelPrice.Free(m)))
                : Task.FromResult(ModelPrice.Free(model));
        }
    }
}
