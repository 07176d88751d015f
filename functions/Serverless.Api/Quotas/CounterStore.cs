using Azure;
using Azure.Data.Tables;
using Serverless.Api.Storage;
using Serverless.Jobs;

namespace Serverless.Api.Quotas;

/// <summary>The shared counters in Table storage; every change is a single-entity write guarded by its ETag.</summary>
public sealed class CounterStore
{
    internal const string TableName = "quotacounters";
    private const int MaxAttempts = 16;
    private readonly TableClient table;
    private Task? created;

    /// <summary>Creates the store over <paramref name="tables"/>.</summary>
    public CounterStore(TableServiceClient tables) => table = tables.GetTableClient(TableName);

    /// <summary>Storage calls made so far (reads and writes), for the benchmark's calls-per-request figure.</summary>
    public long Calls => Interlocked.Read(ref calls);

    private long calls;

    /// <summary>
    /// Leases up to <paramref name="wanted"/> (at least <paramref name="needed"/>) of <paramref name="limit"/> in
    /// <paramref name="window"/>. Returns what was granted (0 when less than needed is left) and what was leased in
    /// all before this grant.
    /// </summary>
    public async Task<(long Granted, long LeasedBefore)> LeaseAsync(CounterId id, string window, long needed, long wanted, long limit, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadAsync(id, cancellationToken);
            var leased = row is not null && row.Window == window ? row.Leased : 0;
            var available = limit - leased;
            if (available < needed)
            {
                return (0, leased);
            }

            var take = Math.Min(wanted, available);
            if (await TryWriteAsync(id, row, window, leased + take, cancellationToken))
            {
                return (take, leased);
            }

            if (attempt == MaxAttempts)
            {
                throw new RequestFailedException(412, "The quota counter stayed contended; giving up.");
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="delta"/> (negative to give capacity back) to the counter in <paramref name="window"/>. A
    /// window that has passed is left alone: the row then counts a later window, and a late settlement must never
    /// change that (window ids of one kind sort by time).
    /// </summary>
    public async Task AdjustAsync(CounterId id, string window, long delta, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await ReadAsync(id, cancellationToken);
            if (row is not null && string.CompareOrdinal(row.Window, window) > 0)
            {
                return;
            }

            var current = row is not null && row.Window == window ? row.Leased : 0;
            if (current == 0 && delta <= 0)
            {
                return; // nothing leased in this window (it may have moved on): nothing to give back
            }

            if (await TryWriteAsync(id, row, window, Math.Max(0, current + delta), cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>
    /// What all instances hold of the counter in <paramref name="window"/>: an upper bound of its use, since leased
    /// blocks count in full until their unused part is given back.
    /// </summary>
    public async Task<long> LeasedAsync(CounterId id, string window, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var row = await ReadAsync(id, cancellationToken);
        return row is not null && row.Window == window ? row.Leased : 0;
    }

    private async Task<CounterEntity?> ReadAsync(CounterId id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        var row = await table.GetEntityIfExistsAsync<CounterEntity>(TableKeys.Escape(id.Subject), QuotaWindows.Name(id.Kind), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Writes the new value if nobody changed the row since it was read; false when someone did.</summary>
    private async Task<bool> TryWriteAsync(CounterId id, CounterEntity? read, string window, long leased, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        var entity = new CounterEntity { PartitionKey = TableKeys.Escape(id.Subject), RowKey = QuotaWindows.Name(id.Kind), Window = window, Leased = leased };
        return await table.TryWriteAsync(entity, read, cancellationToken);
    }

    private Task EnsureCreatedAsync() => CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync());
}
