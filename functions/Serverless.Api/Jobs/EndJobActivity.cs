using System.Text.Json;
using Microsoft.DurableTask;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Telemetry;
using Serverless.Api.Usage;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>
/// Ends a job exactly once, whatever retries and replays happen, then makes the first webhook call. Settling:
/// records its usage (idempotent: keyed by the job id), then claims the end with an ETag-guarded write of the row,
/// and only the writer that wins settles the quota reservation stored with the job; a last write then shows the job
/// ended, so its owner never sees it ended while its reservation still counts. A crash between claim and release, or a
/// quota store that fails three times, loses a reservation's release (the estimate counts until its window ends);
/// nothing is ever billed or released twice. The first webhook call is made here rather than in an activity of
/// its own because every activity costs the orchestration a replay and several storage calls; a retried run of
/// this activity may call the webhook again with the same <c>webhook-id</c>, which receivers use to drop duplicates.
/// </summary>
public sealed class EndJobActivity(
    JobStore store, QuotaGate quotas, ActiveJobs activeJobs, PriceTable prices, UsageRecorder usage, JobWebhookCaller webhooks, ApiMetrics metrics, TimeProvider time)
    : TaskActivity<EndJobInput, JobEnded>
{
    /// <inheritdoc />
    public override async Task<JobEnded> RunAsync(TaskActivityContext context, EndJobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var row = await SettleAsync(input.Job, input.Outcome);
        var delivered = row.Webhook is not null && await webhooks.CallAsync(row, attempt: 1, CancellationToken.None);
        return new JobEnded(row.Status, row.Webhook is not null, delivered);
    }

    private async Task<JobEntity> SettleAsync(JobInput job, JobOutcome outcome)
    {
        var row = await store.GetAsync(job.Partition, job.JobId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Job {job.JobId} has no row.");
        if (row.Settled)
        {
            // Claimed by an earlier run: shown ended already, or to be now (that run stopped between its writes).
            return await ShowEndedAsync(row);
        }

        // Billed: an answer, and a job stopped mid-generation (cancelled or out of time) for what it generated.
        var succeeded = outcome.Status == JobStatus.Succeeded;
        var answered = succeeded || outcome.PromptTokens + outcome.CompletionTokens > 0;
        var price = await prices.GetAsync(row.Model, CancellationToken.None);
        var cost = answered ? price.CostOf(outcome.PromptTokens, outcome.CompletionTokens) : 0m;
        if (answered)
        {
            await usage.RecordOnceAsync(
                new UsageEvent(
                    row.RowKey, row.KeyId, row.Owner, row.Model, row.Kind,
                    outcome.PromptTokens, outcome.CompletionTokens, outcome.ComputeMs, succeeded ? 200 : 499, cost, row.CreatedAt),
                CancellationToken.None);
        }

        // The claim: settled by this run, with the end it settles. The status the owner sees changes only after the
        // reservation is released (ShowEndedAsync), so a job shown ended never still holds its owner's quota.
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
            if (await store.TryReplaceAsync(row, CancellationToken.None))
            {
                break;
            }

            // Someone else wrote the row (the worker marking it running, a cancel flag): read it again and retry,
            // unless it is settled: by an earlier run of this activity (which settled or lost the quota: not again),
            // or by this very write, which storage carried out but answered too late (the SDK's retry met its own
            // ETag change): then this run goes on to settle the quota.
            row = await store.GetAsync(job.Partition, job.JobId, CancellationToken.None) ?? throw new InvalidOperationException($"Job {job.JobId} vanished.");
            if (row.Settled && row.SettledBy != claim)
            {
                return await ShowEndedAsync(row);
            }

            if (row.Settled)
            {
                break;
            }
        }

        if (row.Reservation is { } stored && JsonSerializer.Deserialize(stored, JobsJsonContext.Default.Reservation) is { } reservation)
        {
            var micros = (long)decimal.Ceiling(cost * 1_000_000m);
            await SettleQuotaAsync(reservation, answered, outcome.PromptTokens + outcome.CompletionTokens, micros);
        }

        return await ShowEndedAsync(row);
    }

    /// <summary>Shows a settled job ended: the status its claim recorded, and when. Does nothing to one already shown.</summary>
    private async Task<JobEntity> ShowEndedAsync(JobEntity row)
    {
        // The job no longer counts against its key's max_jobs (a removal lost here lapses at the job's deadline).
        try
        {
            await activeJobs.RemoveAsync(row.KeyId, row.RowKey, CancellationToken.None);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            // Storage is away: the orchestration's retry or the deadline takes it off the list.
        }

        while (!JobStatus.IsFinal(row.Status))
        {
            row.Status = row.EndStatus ?? throw new InvalidOperationException($"Job {row.RowKey} is settled without an end status.");
            row.CompletedAt = time.GetUtcNow();
            if (await store.TryReplaceAsync(row, CancellationToken.None))
            {
                metrics.JobEnded(row.Model, row.Status, row.CompletedAt.Value - row.CreatedAt, row.StartedAt - row.CreatedAt);
                break;
            }

            // A worker wrote meanwhile (it marks a job running before it sees the job settled), or this write was
            // carried out but answered too late: read it again.
            row = await store.GetAsync(row.PartitionKey, row.RowKey, CancellationToken.None) ?? throw new InvalidOperationException($"Job {row.RowKey} vanished.");
        }

        return row;
    }

    /// <summary>
    /// Settles the reservation, trying a few times here: once the row says settled, a retried activity will not
    /// settle again (a second release would admit past the limit), so a failure past these tries loses the release
    /// (the estimate counts until its window ends) rather than risk releasing twice.
    /// </summary>
    private async Task SettleQuotaAsync(Reservation reservation, bool answered, long tokens, long micros)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await quotas.SettleAsync(reservation, answered, tokens, micros, CancellationToken.None);
                return;
            }
            catch (Exception) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time);
            }
        }
    }
}
