using System.Text.Json;
using Microsoft.DurableTask;
using Serverless.Api.Jobs.Webhooks;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Telemetry;
using Serverless.Api.Usage;
using Serverless.Jobs;

namespace Serverless.Api.Jobs.Orchestration;

/// <summary>
/// Ends a job exactly once, whatever retries and replays happen, then makes the first webhook call. Settling:
/// records its usage (idempotent: keyed by the job id), then claims the end (<see cref="JobLifecycle.SettleAsync"/>),
/// and only the run that claims it settles the quota reservation stored with the job; the job is then shown ended,
/// so its owner never sees it ended while its reservation still counts. A crash between claim and release, or a
/// quota store that fails three times, loses a reservation's release (the estimate counts until its window ends);
/// nothing is ever billed or released twice. The first webhook call is made here rather than in an activity of
/// its own because every activity costs the orchestration a replay and several storage calls; a retried run of
/// this activity may call the webhook again with the same <c>webhook-id</c>, which receivers use to drop duplicates.
/// </summary>
public sealed class EndJobActivity(
    JobLifecycle jobs, QuotaGate quotas, ActiveJobs activeJobs, PriceTable prices, UsageRecorder usage, JobWebhookCaller webhooks, ApiMetrics metrics, TimeProvider time)
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
        var row = await jobs.GetAsync(job.Partition, job.JobId, CancellationToken.None)
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

        // Only the run that claims the end settles the quota: an earlier run that claimed it settled it, or lost
        // the release (a second release would admit past the limit).
        var settlement = await jobs.SettleAsync(row, outcome, CancellationToken.None);
        if (settlement.ClaimedHere
            && settlement.Row.Reservation is { } stored
            && JsonSerializer.Deserialize(stored, JobsJsonContext.Default.Reservation) is { } reservation)
        {
            var micros = (long)decimal.Ceiling(cost * 1_000_000m);
            await SettleQuotaAsync(reservation, answered, outcome.PromptTokens + outcome.CompletionTokens, micros);
        }

        return await ShowEndedAsync(settlement.Row);
    }

    /// <summary>Shows a settled job ended, once its quota is settled. Does nothing to one already shown.</summary>
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

        var (shown, now) = await jobs.ShowEndedAsync(row, CancellationToken.None);
        if (now)
        {
            metrics.JobEnded(shown.Model, shown.Status, shown.CompletedAt!.Value - shown.CreatedAt, shown.StartedAt - shown.CreatedAt);
        }

        return shown;
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
