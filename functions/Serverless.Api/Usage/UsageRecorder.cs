using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Usage;

/// <summary>
/// Records every request's usage without making the request wait on storage: <see cref="Record"/> only queues in
/// memory; <see cref="FlushAsync"/> (run each <see cref="UsageOptions.FlushInterval"/> by a hosted service and at
/// shutdown) writes the records in batches of up to 100 and merges their sums into the daily rollups, so storage
/// calls stay far below one per request. What a flush cannot write is kept and tried again by the next.
/// </summary>
public sealed partial class UsageRecorder
{
    private readonly ConcurrentQueue<UsageEvent> queue = new();
    private readonly SemaphoreSlim flushing = new(1, 1);
    private readonly UsageRecords records;
    private readonly UsageRollups rollups;
    private readonly UsageOptions options;
    private readonly ILogger<UsageRecorder> logger;
    private List<UsageRecordEntity> unsent = [];
    private List<RollupMerge> unmerged = [];
    private int queued;
    private int kept;
    private int unmergedCount;
    private long dropped;
    private long writeSeq;
    private long mergeSeq;

    /// <summary>Creates a recorder writing to <paramref name="tables"/>.</summary>
    public UsageRecorder(TableServiceClient tables, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageRecorder> logger)
    {
        records = new UsageRecords(tables, logger);
        rollups = new UsageRollups(tables, time);
        this.options = options.Value;
        this.logger = logger;
    }

    /// <summary>This recorder's id in the rows it writes: random, so instances (and restarts) never share one.</summary>
    internal string Writer { get; } = "w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Records waiting to be written, including those a failed flush kept.</summary>
    internal int Buffered => Volatile.Read(ref queued) + Volatile.Read(ref kept);

    /// <summary>Rollup merges of written records that a failed flush kept.</summary>
    internal int PendingMerges => Volatile.Read(ref unmergedCount);

    /// <summary>Queues one request's usage; never blocks, never touches storage.</summary>
    public void Record(UsageEvent usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        queue.Enqueue(usage);
        if (Interlocked.Increment(ref queued) > options.MaxBufferedRecords && queue.TryDequeue(out _))
        {
            Interlocked.Decrement(ref queued);
            Interlocked.Increment(ref dropped);
        }
    }

    /// <summary>
    /// Writes everything recorded so far and merges it into the rollups. Throws the first storage failure after
    /// keeping what it could not write for the next flush.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Exchange(ref dropped, 0) is > 0 and var lost)
            {
                LogDropped(lost);
            }

            var failures = new ConcurrentQueue<Exception>();
            var written = await WriteRecordsAsync(failures, cancellationToken);
            foreach (var (owner, delta) in DailyRollup.Deltas(written))
            {
                unmerged.Add(new RollupMerge(owner, delta, ++mergeSeq));
            }

            await MergeRollupsAsync(failures, cancellationToken);
            if (failures.TryPeek(out var failure))
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            flushing.Release();
        }
    }

    private async Task<IReadOnlyCollection<UsageRecordEntity>> WriteRecordsAsync(ConcurrentQueue<Exception> failures, CancellationToken cancellationToken)
    {
        // Kept records first, so a duplicate recorded since keeps the write number the kept one was first tried with.
        var batch = unsent;
        unsent = [];
        while (queue.TryDequeue(out var usage))
        {
            Interlocked.Decrement(ref queued);
            batch.Add(UsageRecordEntity.From(usage, Writer, ++writeSeq));
        }

        var written = new ConcurrentQueue<UsageRecordEntity>();
        var failed = new ConcurrentQueue<UsageRecordEntity>();
        if (batch.Count > 0)
        {
            // No token for the loop itself: every batch must end written or kept, even when the flush is cancelled.
            await Parallel.ForEachAsync(UsageRecords.Plan(batch), new ParallelOptions { MaxDegreeOfParallelism = options.FlushParallelism }, async (planned, _) =>
            {
                try
                {
                    foreach (var record in await records.WriteBatchAsync(planned, cancellationToken))
                    {
                        written.Enqueue(record);
                    }
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                    foreach (var record in planned)
                    {
                        failed.Enqueue(record);
                    }
                }
            });
        }

        unsent = [.. failed];
        Volatile.Write(ref kept, unsent.Count);
        return written;
    }

    private async Task MergeRollupsAsync(ConcurrentQueue<Exception> failures, CancellationToken cancellationToken)
    {
        if (unmerged.Count == 0)
        {
            return;
        }

        // Rows in parallel; one row's merges in order, stopping at the first failure so a later merge never lands before an earlier one.
        var applied = new ConcurrentDictionary<long, bool>();
        var byRow = unmerged.GroupBy(m => (m.Owner, m.Delta.Day, m.Delta.Model));
        await Parallel.ForEachAsync(byRow, new ParallelOptions { MaxDegreeOfParallelism = options.FlushParallelism }, async (row, _) =>
        {
            foreach (var merge in row)
            {
                try
                {
                    await rollups.MergeAsync(merge, Writer, cancellationToken);
                    applied[merge.Seq] = true;
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                    break;
                }
            }
        });

        unmerged = unmerged.Where(m => !applied.ContainsKey(m.Seq)).ToList();
        Volatile.Write(ref unmergedCount, unmerged.Count);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "The usage buffer was full; the {Count} oldest records were dropped unbilled")]
    private partial void LogDropped(long count);
}
