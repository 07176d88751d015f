using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Api.Quotas;
using Serverless.Api.Storage;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>
/// The async jobs a key has queued or running, kept so that no key can queue unbounded work: one row per key in the
/// counters table listing each job with its deadline, changed by ETag-guarded writes. A job leaves the list when it
/// ends; one whose ending never reached it (a crash between the two writes) drops out once its deadline, plus the
/// time its worker has to report, has passed, so a lost removal can never block a key for good. Changes to one key's
/// row are made one at a time per instance, so a burst of submissions meets contention only between instances.
/// </summary>
public sealed class ActiveJobs(TableServiceClient tables, TimeProvider time)
{
    /// <summary>The largest <c>max_jobs</c> a key or tier may have: the list must fit one table row.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The <c>max_jobs</c> of a key whose key and tier set none.</summary>
    public const int DefaultLimit = 64;

    private const string Row = "jobs";
    private const int MaxAttempts = 16;
    private static readonly TimeSpan Linger = JobOrchestrator.StopReportWait + TimeSpan.FromMinutes(5);
    private readonly TableClient table = tables.GetTableClient(CounterStore.TableName);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private Task? created;

    /// <summary>Adds <paramref name="jobId"/> to the key's list unless it holds <paramref name="limit"/> jobs; returns how many it held.</summary>
    public async Task<(bool Added, int Active)> TryAddAsync(string keyId, string jobId, DateTimeOffset expiresAt, int limit, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(keyId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var (entity, active) = await ReadAsync(keyId, cancellationToken);
                if (active.Count >= limit)
                {
                    return (false, active.Count);
                }

                active[jobId] = (expiresAt + Linger).ToUnixTimeSeconds();
                if (await TryWriteAsync(keyId, entity, active, cancellationToken))
                {
                    return (true, active.Count);
                }
            }

            throw new RequestFailedException(412, "The job list stayed contended; giving up.");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Takes <paramref name="jobId"/> off the key's list (nothing happens if it is not there).</summary>
    public async Task RemoveAsync(string keyId, string jobId, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(keyId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var (entity, active) = await ReadAsync(keyId, cancellationToken);
                if (entity is null || !active.Remove(jobId) || await TryWriteAsync(keyId, entity, active, cancellationToken))
                {
                    return;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The key's jobs still active now (the stored list less those long past their deadline).</summary>
    public async Task<int> CountAsync(string keyId, CancellationToken cancellationToken) => (await ReadAsync(keyId, cancellationToken)).Active.Count;

    private async Task<(ActiveJobsEntity? Entity, Dictionary<string, long> Active)> ReadAsync(string keyId, CancellationToken cancellationToken)
    {
        await CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync());
        var found = await table.GetEntityIfExistsAsync<ActiveJobsEntity>(TableKeys.Escape(keyId), Row, cancellationToken: cancellationToken);
        var entity = found.HasValue ? found.Value : null;
        var active = entity is null ? [] : JsonSerializer.Deserialize(entity.Active, JobsJsonContext.Default.DictionaryStringInt64) ?? [];
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var gone in active.Where(a => a.Value < now).Select(a => a.Key).ToArray())
        {
            active.Remove(gone);
        }

        return (entity, active);
    }

    private async Task<bool> TryWriteAsync(string keyId, ActiveJobsEntity? read, Dictionary<string, long> active, CancellationToken cancellationToken)
    {
        var entity = new ActiveJobsEntity
        {
            PartitionKey = TableKeys.Escape(keyId),
            RowKey = Row,
            Active = JsonSerializer.Serialize(active, JobsJsonContext.Default.DictionaryStringInt64),
        };
        return await table.TryWriteAsync(entity, read, cancellationToken);
    }
}
