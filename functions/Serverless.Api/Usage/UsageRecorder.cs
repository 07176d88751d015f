using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Usage;

/// <summary>
/// Meters every request without making it wait on storage. <see cref="Record"/> adds a request's usage to an
/// in-memory sum per owner, UTC day and model; <see cref="FlushAsync"/> (every <see cref="UsageOptions.FlushInterval"/>
/// and at shutdown) merges each sum into its daily rollup row. What storage holds therefore grows with owners, models
/// and days, never with requests, and a flush costs two storage calls per row it touches, however many requests the
/// sums hold. Per-request detail lives in the request log. A merge that fails is kept (and while storage is down,
/// later sums fold into it) so memory grows with rows, not requests; at shutdown what is left is spilled to disk
/// (<see cref="UsageSpill"/>) and applied by the next start.
/// </summary>
public sealed partial class UsageRecorder
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim flushing = new(1, 1);
    private readonly UsageRecords records;
    private readonly UsageRollups rollups;
    private readonly UsageOptions options;
    private readonly ILogger<UsageRecorder> logger;
    private readonly HashSet<long> attempted = [];
    private Dictionary<UsageBucket, DailyUsage> open = [];
    private List<RollupMerge> unmerged = [];
    private int unmergedCount;
    private long mergeSeq;
    private long writeSeq;

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

    /// <summary>Rollup rows with usage summed since the last flush.</summary>
    internal int OpenRows
    {
        get
        {
            lock (gate)
            {
                return open.Count;
            }
        }
    }

    /// <summary>Merges a flush could not apply yet (this recorder's own and any loaded from a spill).</summary>
    internal int PendingMerges => Volatile.Read(ref unmergedCount);

    /// <summary>
    /// Adds one request's usage to its owner's, day's and model's sum, and to every owner's sum of that day and model
    /// (<see cref="UsageKeys.AllOwners"/>); never blocks on storage. A request that used nothing and was answered
    /// 429 counts as rate limited, with any other error as an error; neither is billed. Callers record only requests
    /// for a model the deployment knows, so the rows stay owners × models × days however a client names models.
    /// </summary>
    public void Record(UsageEvent usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var day = UsageKeys.DayOf(usage.Timestamp);
        var failed = usage.Status >= 400 ? 1 : 0;
        var delta = IsBillable(usage)
            ? new DailyUsage(day, usage.Model, usage.PromptTokens, usage.CompletionTokens, 1, usage.ComputeMs, usage.Cost, Errors: failed, Cached: usage.Cached ? 1 : 0)
            : usage.Status == StatusCodes.Status429TooManyRequests
                ? new DailyUsage(day, usage.Model, 0, 0, 0, 0, 0m, RateLimited: 1)
                : new DailyUsage(day, usage.Model, 0, 0, 0, 0, 0m, Errors: 1);
        lock (gate)
        {
            Add(new UsageBucket(usage.Owner, day, usage.Model), delta);
            Add(new UsageBucket(UsageKeys.AllOwners, day, usage.Model), delta);
        }
    }

    /// <summary>
    /// Records usage that may be reported more than once (an async job's, whose ending can be retried): its record row,
    /// keyed by <see cref="UsageEvent.RequestId"/>, is written first, and only the first report is summed. Then flushes,
    /// so the usage is stored when this returns.
    /// </summary>
    public Task RecordOnceAsync(UsageEvent usage, CancellationToken cancellationToken) => RecordOnceAsync([usage], cancellationToken);

    /// <summary>
    /// Records the usage of several requests that may be reported more than once (a batch chunk's lines), like
    /// <see cref="RecordOnceAsync(UsageEvent, CancellationToken)"/>: only the first report of each is summed.
    /// </summary>
    public async Task RecordOnceAsync(IReadOnlyList<UsageEvent> usages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usages);
        var rows = usages.Select(u => UsageRecordEntity.From(u, Writer, Interlocked.Increment(ref writeSeq))).ToList();
        var firsts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var transaction in rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)))
        {
            // One transaction holds one partition's rows, a hundred at the most.
            firsts.UnionWith((await records.WriteBatchAsync(transaction, cancellationToken)).Select(r => r.RowKey));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (firsts.Contains(rows[i].RowKey))
            {
                Record(usages[i]);
            }
        }

        await FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Merges everything summed so far into the rollups. Throws the first storage failure after keeping what it could
    /// not merge for the next flush.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            TakeOpenSums();
            var failure = await MergeRollupsAsync(cancellationToken);
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            flushing.Release();
        }
    }

    /// <summary>Takes every merge not yet applied (summing what is still open first), for a spill at shutdown.</summary>
    internal async Task<IReadOnlyList<RollupMerge>> DrainAsync(CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            TakeOpenSums();
            var drained = unmerged;
            unmerged = [];
            attempted.Clear();
            Volatile.Write(ref unmergedCount, 0);
            return drained;
        }
        finally
        {
            flushing.Release();
        }
    }

    /// <summary>Adds merges spilled by an earlier process; they are applied under their own writer, so at most once.</summary>
    internal async Task AdoptAsync(IEnumerable<RollupMerge> spilled, CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            unmerged.AddRange(spilled);
            Volatile.Write(ref unmergedCount, unmerged.Count);
        }
        finally
        {
            flushing.Release();
        }
    }

    /// <summary>Whether usage counts in the bill: anything answered, or that used tokens or cost something.</summary>
    private void Add(UsageBucket bucket, DailyUsage delta) =>
        open[bucket] = open.TryGetValue(bucket, out var sum) ? sum.Plus(delta) : delta;

    internal static bool IsBillable(UsageEvent usage) =>
        usage.Status < 400 || usage.PromptTokens > 0 || usage.CompletionTokens > 0 || usage.Cost > 0;

    /// <summary>Turns the open sums into merges; a sum folds into its row's pending merge when that was never tried.</summary>
    private void TakeOpenSums()
    {
        Dictionary<UsageBucket, DailyUsage> sums;
        lock (gate)
        {
            if (open.Count == 0)
            {
                return;
            }

            sums = open;
            open = new Dictionary<UsageBucket, DailyUsage>(sums.Count);
        }

        foreach (var (bucket, delta) in sums)
        {
            var index = unmerged.FindLastIndex(m => m.Writer == Writer && m.Owner == bucket.Owner && m.Delta.Day == bucket.Day && m.Delta.Model == bucket.Model);
            if (index >= 0 && !attempted.Contains(unmerged[index].Seq))
            {
                unmerged[index] = unmerged[index] with { Delta = unmerged[index].Delta.Plus(delta) };
            }
            else
            {
                unmerged.Add(new RollupMerge(Writer, bucket.Owner, delta, ++mergeSeq));
            }
        }

        Volatile.Write(ref unmergedCount, unmerged.Count);
    }

    private async Task<Exception?> MergeRollupsAsync(CancellationToken cancellationToken)
    {
        if (unmerged.Count == 0)
        {
            return null;
        }

        // Rows in parallel; one writer's merges of a row in order, stopping at its first failure, so a later merge
        // never lands before an earlier one (a row remembers only each writer's last applied sequence number).
        var failures = new ConcurrentQueue<Exception>();
        var applied = new ConcurrentDictionary<RollupMerge, bool>(ReferenceEqualityComparer.Instance);
        var tried = new ConcurrentBag<long>();
        var byRow = unmerged.GroupBy(m => (m.Owner, m.Delta.Day, m.Delta.Model));
        await Parallel.ForEachAsync(byRow, new ParallelOptions { MaxDegreeOfParallelism = options.FlushParallelism }, async (row, _) =>
        {
            foreach (var writer in row.GroupBy(m => m.Writer))
            {
                foreach (var merge in writer.OrderBy(m => m.Seq))
                {
                    if (merge.Writer == Writer)
                    {
                        tried.Add(merge.Seq);
                    }

                    try
                    {
                        await rollups.MergeAsync(merge, cancellationToken);
                        applied[merge] = true;
                    }
                    catch (Exception e)
                    {
                        failures.Enqueue(e);
                        break;
                    }
                }
            }
        });

        unmerged = unmerged.Where(m => !applied.ContainsKey(m)).ToList();
        attempted.UnionWith(tried);
        attempted.IntersectWith(unmerged.Where(m => m.Writer == Writer).Select(m => m.Seq));
        Volatile.Write(ref unmergedCount, unmerged.Count);
        return failures.TryPeek(out var failure) ? failure : null;
    }
}
