using Azure;
using Azure.Data.Tables;

namespace Serverless.Jobs;

/// <summary>
/// The jobs table and the one owner of a job row's state machine (<see cref="JobPhase"/>), used by the API, its
/// orchestration and the worker alike. Every transition is an ETag-guarded replace that reads the row again and
/// decides again when another writer got there first, so at-least-once delivery, two workers on one job, a cancel
/// racing a start and a retried activity all end in one state: one result stored, one settlement, one end shown.
/// </summary>
public sealed class JobLifecycle(TableServiceClient tables, TimeProvider time)
{
    /// <summary>How often a start is tried again when other writers keep changing the row.</summary>
    private const int StartAttempts = 5;

    private static readonly string[] ListColumns =
    [
        nameof(JobEntity.PartitionKey), nameof(JobEntity.RowKey), nameof(JobEntity.Owner), nameof(JobEntity.Kind), nameof(JobEntity.Model), nameof(JobEntity.Status),
        nameof(JobEntity.CreatedAt), nameof(JobEntity.StartedAt), nameof(JobEntity.CompletedAt), nameof(JobEntity.ExpiresAt),
        nameof(JobEntity.ErrorCode), nameof(JobEntity.ErrorMessage), nameof(JobEntity.PromptTokens), nameof(JobEntity.CompletionTokens),
        nameof(JobEntity.Webhook), nameof(JobEntity.Settled), nameof(JobEntity.StatusUrl),
    ];

    private readonly TableClient table = tables.GetTableClient(JobEntity.TableName);
    private Task? created;

    /// <summary>The phase <paramref name="row"/> is in.</summary>
    public static JobPhase PhaseOf(JobEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return JobStatus.IsFinal(row.Status) ? JobPhase.Ended
            : row.Settled ? JobPhase.Settled
            : HasResult(row) ? JobPhase.ResultStored
            : row.CancelRequested ? JobPhase.CancelRequested
            : row.Status == JobStatus.Running ? JobPhase.Running
            : JobPhase.Queued;
    }

    /// <summary>
    /// Whether the job has ended: shown so, or settled by the orchestration, which shows it ended only once its
    /// reservation is released. A settled row is the orchestration's: a worker writes nothing more into it.
    /// </summary>
    public static bool HasEnded(JobEntity row) => PhaseOf(row) is JobPhase.Settled or JobPhase.Ended;

    /// <summary>Whether a worker running the job should stop: its owner cancelled it, or it ended.</summary>
    public static bool ShouldStop(JobEntity row) => HasEnded(row) || row.CancelRequested;

    /// <summary>Whether a worker stored the job's result.</summary>
    public static bool HasResult(JobEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Result is not null || row.ResultBlob is not null;
    }

    /// <summary>Adds a new job, <see cref="JobPhase.Queued"/>.</summary>
    public async Task AddAsync(JobEntity job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Status = JobStatus.Queued;
        await EnsureCreatedAsync();
        try
        {
            await table.AddEntityAsync(job, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A new id carries 64 random bits, so the row that exists is this very insert: an attempt that storage
            // carried out but answered too late for the client, which retried it.
        }
    }

    /// <summary>Reads a job, or null.</summary>
    public async Task<JobEntity?> GetAsync(string partition, string id, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var found = await table.GetEntityIfExistsAsync<JobEntity>(partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Finds a job by id in any partition (an admin's look-up: a scan of one row key).</summary>
    public async Task<JobEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await foreach (var job in table.QueryAsync<JobEntity>(e => e.RowKey == id, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return job;
        }

        return null;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> jobs of a partition, newest first, after the id <paramref name="after"/>, only
    /// those in <paramref name="status"/> when it is given; without their bodies.
    /// </summary>
    public async Task<IReadOnlyList<JobEntity>> ListAsync(string partition, string? after, int limit, string? status, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        if (after is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        }

        if (status is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {status}");
        }

        // Lists never carry the bodies: a page of 100 results could be megabytes.
        var jobs = new List<JobEntity>(limit);
        await foreach (var job in table.QueryAsync<JobEntity>(filter, maxPerPage: limit, select: ListColumns, cancellationToken: cancellationToken))
        {
            jobs.Add(job);
            if (jobs.Count == limit)
            {
                break;
            }
        }

        return jobs;
    }

    /// <summary>
    /// A worker's start of a delivered job: marks it <see cref="JobPhase.Running"/> (counting the delivery) unless it
    /// is missing, ended, cancelled, or an earlier delivery stored its result; then it says which, with the row.
    /// </summary>
    public async Task<JobStart> StartAsync(string partition, string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            var row = await GetAsync(partition, id, cancellationToken);
            if (row is null)
            {
                return new JobStart(JobStartResult.Missing, null);
            }

            var phase = PhaseOf(row);
            if (phase is not (JobPhase.Queued or JobPhase.Running))
            {
                return new JobStart(
                    phase switch
                    {
                        JobPhase.ResultStored => JobStartResult.ResultStored,
                        JobPhase.CancelRequested => JobStartResult.CancelRequested,
                        _ => JobStartResult.Ended,
                    },
                    row);
            }

            row.Status = JobStatus.Running;
            row.StartedAt ??= time.GetUtcNow();
            row.Deliveries++;
            if (await TryReplaceAsync(row, cancellationToken))
            {
                return new JobStart(JobStartResult.Started, row);
            }
        }

        throw new InvalidOperationException($"Job {id}: could not mark it running.");
    }

    /// <summary>
    /// A worker's result: stored into the row (<see cref="JobPhase.ResultStored"/>) unless another delivery stored
    /// one first, or the job ended meanwhile. Returns the row holding the result to announce (this one's or the
    /// other delivery's), or null when the job ended and nothing should be announced.
    /// </summary>
    public async Task<JobEntity?> StoreResultAsync(JobEntity row, string? inline, string? blob, int promptTokens, int completionTokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        while (true)
        {
            (row.Result, row.ResultBlob) = (inline, blob);
            row.PromptTokens = promptTokens;
            row.CompletionTokens = completionTokens;
            if (await TryReplaceAsync(row, cancellationToken))
            {
                return row;
            }

            row = await GetAsync(row.PartitionKey, row.RowKey, cancellationToken) ?? throw Vanished(row.RowKey);
            if (HasEnded(row))
            {
                return null; // cancelled or expired while it ran: the orchestration no longer wants it
            }

            if (HasResult(row))
            {
                return row; // a concurrent delivery stored its result first: announce that one
            }
        }
    }

    /// <summary>
    /// Its owner's cancel: flags the row (<see cref="JobPhase.CancelRequested"/>) unless it ended or is flagged
    /// already; returns the row as it now is. Starting and flagging are both guarded writes of the row, so a row
    /// returned <see cref="JobStatus.Queued"/> is one no worker will run.
    /// </summary>
    public async Task<JobEntity> RequestCancelAsync(JobEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        while (!HasEnded(row) && !row.CancelRequested)
        {
            row.CancelRequested = true;
            if (await TryReplaceAsync(row, cancellationToken))
            {
                break;
            }

            row = await GetAsync(row.PartitionKey, row.RowKey, cancellationToken) ?? row;
        }

        return row;
    }

    /// <summary>
    /// The orchestration's claim of the job's end (<see cref="JobPhase.Settled"/>), with the end status (succeeded,
    /// failed, cancelled or expired) and the usage it bills. Exactly one caller ever claims a job: the result says
    /// whether it was this one, which then settles the quota; a run that finds the job claimed by an earlier run
    /// must not settle again. The status its owner sees changes only with <see cref="ShowEndedAsync"/>.
    /// </summary>
    public async Task<JobSettlement> SettleAsync(JobEntity row, JobOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(outcome);
        if (row.Settled)
        {
            return new JobSettlement(row, ClaimedHere: false);
        }

        var claim = Guid.NewGuid().ToString("N");
        while (true)
        {
            row.Settled = true;
            row.SettledBy = claim;
            row.EndStatus = outcome.Status;
            row.PromptTokens = outcome.PromptTokens;
            row.CompletionTokens = outcome.CompletionTokens;
            row.ErrorCode = outcome.ErrorCode;
            row.ErrorMessage = outcome.ErrorMessage;
            if (await TryReplaceAsync(row, cancellationToken))
            {
                return new JobSettlement(row, ClaimedHere: true);
            }

            // Someone else wrote the row (a worker marking it running or storing a result, a cancel flag): read it
            // again and retry, unless it is settled: by an earlier run (not again), or by this very write, which
            // storage carried out but answered too late (the SDK's retry met its own ETag change).
            row = await GetAsync(row.PartitionKey, row.RowKey, cancellationToken) ?? throw Vanished(row.RowKey);
            if (row.Settled)
            {
                return new JobSettlement(row, ClaimedHere: row.SettledBy == claim);
            }
        }
    }

    /// <summary>
    /// Shows a settled job ended (<see cref="JobPhase.Ended"/>): the status its claim recorded, and when. Returns the
    /// row, and whether this call was the one that showed it ended (false for a row already shown).
    /// </summary>
    public async Task<(JobEntity Row, bool ShownNow)> ShowEndedAsync(JobEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        while (!JobStatus.IsFinal(row.Status))
        {
            row.Status = row.EndStatus ?? throw new InvalidOperationException($"Job {row.RowKey} is not settled.");
            row.CompletedAt = time.GetUtcNow();
            if (await TryReplaceAsync(row, cancellationToken))
            {
                return (row, true);
            }

            // A worker wrote meanwhile (it marks a job running before it sees the job settled), or this write was
            // carried out but answered too late: read it again.
            row = await GetAsync(row.PartitionKey, row.RowKey, cancellationToken) ?? throw Vanished(row.RowKey);
        }

        return (row, false);
    }

    private Task<bool> TryReplaceAsync(JobEntity row, CancellationToken cancellationToken) => table.TryWriteAsync(row, row, cancellationToken);

    /// <summary>
    /// Creates the table once per process where it is missing (Azurite). In Azure the deployment creates it, and an
    /// identity that holds only data roles may be refused the creation: the table is there, so that is fine.
    /// </summary>
    private Task EnsureCreatedAsync() =>
        CreateOnce.EnsureAsync(ref created, async () =>
        {
            try
            {
                await table.CreateIfNotExistsAsync(CancellationToken.None);
            }
            catch (RequestFailedException e) when (e.Status == 403)
            {
            }
        });

    private static InvalidOperationException Vanished(string id) => new($"Job {id} vanished.");
}
