using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Jobs;

namespace Serverless.Api.Jobs.Http;

/// <summary>
/// Cancels a job: flags the row (so a worker that has not started it skips it) and tells the orchestration, which
/// ends the job <c>cancelled</c> and releases its reservation. A job already ended stays as it is.
/// </summary>
public sealed partial class JobCanceller(JobLifecycle jobs, JobEventRaiser events, ILogger<JobCanceller> logger)
{
    /// <summary>Cancels <paramref name="row"/> unless it already ended; returns the row as it now is.</summary>
    public async Task<JobEntity> CancelAsync(JobEntity row, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(client);
        row = await jobs.RequestCancelAsync(row, cancellationToken);
        if (!JobLifecycle.HasEnded(row))
        {
            // Not tied to the request: once the row is flagged, the orchestration must hear of it even if the caller leaves.
            // Should the orchestration not have started after all (an unconfirmed raise), a worker that then takes
            // the job skips it and reports it cancelled, which ends it the same way.
            // A running job's worker stops it at its next decode step and reports what it generated: the orchestration
            // waits for that report to bill it. Marking running and flagging the cancel are both ETag-guarded writes of
            // this row, so a job seen queued here is one no worker will run.
            var payload = row.Status == JobStatus.Running ? JobEvents.CancelRunning : JobEvents.CancelQueued;
            await events.RaiseAsync(client, row.RowKey, JobEvents.Cancel, payload, CancellationToken.None);
            LogCancelRequested(row.RowKey);
        }

        return row;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Job {JobId}: cancel requested")]
    private partial void LogCancelRequested(string jobId);
}
