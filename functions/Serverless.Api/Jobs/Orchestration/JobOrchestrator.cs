using Microsoft.DurableTask;
using Serverless.Api.Jobs.Webhooks;
using Serverless.Api.Webhooks;
using Serverless.Jobs;

namespace Serverless.Api.Jobs.Orchestration;

/// <summary>
/// One async job: wait for the worker's result, a cancel or the deadline, whichever comes first; end the job
/// (settle usage exactly once and make the first webhook call); then call the webhook again until it answers 2xx
/// or the retry time is up. The work message is already on the <c>jobs</c> queue: <see cref="JobSubmitter"/> sends
/// it right after scheduling this orchestration, which saves an activity and a replay per job; events reach it
/// only once it has started (<see cref="JobEventRaiser"/>), and one that comes before it waits is kept until it does. Both hosts run this class: the local host through
/// the Durable Task SDK, Azure through the Functions Durable extension. Everything here must be deterministic:
/// time from the context, randomness from its GUIDs.
/// </summary>
public sealed class JobOrchestrator : TaskOrchestrator<JobInput, string>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1)));
    private static readonly JobOutcome Cancelled = new(JobStatus.Cancelled, 0, 0, 0, JobResultMessage.CancelledCode, "The job was cancelled by its owner.");
    private static readonly JobOutcome Expired = new(JobStatus.Expired, 0, 0, 0, JobResultMessage.ExpiredCode, "The job did not finish within its time limit.");

    /// <summary>
    /// How long a cancelled running job, or an expired one, waits for its worker's report of what it generated (the
    /// worker checks for a cancel every couple of seconds and stops at the next decode step); a job no worker ran
    /// ends when it is over.
    /// </summary>
    internal static readonly TimeSpan StopReportWait = TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, JobInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = new CancellationTokenSource();
        var result = context.WaitForExternalEvent<JobResultMessage>(JobEvents.Result);
        var cancel = context.WaitForExternalEvent<string>(JobEvents.Cancel);
        var expiry = context.CreateTimer(input.ExpiresAt.UtcDateTime, deadline.Token);
        var first = await Task.WhenAny(result, cancel, expiry);
        if (first != expiry)
        {
            // Synchronously: CancelAsync would run the rest of this method on the thread pool, off the
            // orchestration's own scheduler, and the dispatcher would never see what it does next.
#pragma warning disable CA1849
            deadline.Cancel();
#pragma warning restore CA1849
        }

        var outcome = first == result ? FromResult(result.Result)
            : first == cancel && cancel.Result != JobEvents.CancelRunning ? Cancelled
            : await StoppedAsync(context, result, first == cancel ? Cancelled : Expired);
        var ended = await EndAsync(context, new EndJobInput(input, outcome));
        if (ended.NeedsWebhookRetry)
        {
            // Calls 2, 3, … after the first (made when the job ended) failed.
            await new WebhookRetries(input.WebhookFirstRetry, input.WebhookMaxDelay, input.WebhookRetryFor).RunAsync(
                context,
                attempt => context.CallActivityAsync<bool>(nameof(DeliverWebhookActivity), new WebhookAttempt(input.JobId, input.Partition, attempt), Retry));
        }

        return ended.Status;
    }

    /// <summary>
    /// Ends the job, however long storage is away: when the activity's own retries are spent, waits on a durable
    /// timer (minutes, growing to an hour) and tries again, so a job never stays unended with its reservation held.
    /// </summary>
    private static async Task<JobEnded> EndAsync(TaskOrchestrationContext context, EndJobInput input)
    {
        for (var round = 0; ; round++)
        {
            try
            {
                return await context.CallActivityAsync<JobEnded>(nameof(EndJobActivity), input, Retry);
            }
            catch (TaskFailedException)
            {
                await context.CreateTimer(TimeSpan.FromMinutes(Math.Min(60, 5 << Math.Min(round, 4))), CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// A job cancelled while it ran, or past its deadline: waits a little for the worker's report, so what it
    /// generated before it stopped is billed. No report (no worker ran it, or its worker died) ends it unbilled.
    /// </summary>
    private static async Task<JobOutcome> StoppedAsync(TaskOrchestrationContext context, Task<JobResultMessage> result, JobOutcome reason)
    {
        using var wait = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime + StopReportWait, wait.Token);
        if (await Task.WhenAny(result, timer) != result)
        {
            return reason;
        }

#pragma warning disable CA1849 // synchronously, as above
        wait.Cancel();
#pragma warning restore CA1849
        var report = result.Result;
        return report.Succeeded ? FromResult(report) // it finished before it could be stopped
            : WithUsage(reason, report);
    }

    private static JobOutcome FromResult(JobResultMessage message) =>
        message.Succeeded ? new JobOutcome(JobStatus.Succeeded, message.PromptTokens, message.CompletionTokens, message.ComputeMs, null, null)
        : message.ErrorCode == JobResultMessage.CancelledCode ? WithUsage(Cancelled, message)
        : message.ErrorCode == JobResultMessage.ExpiredCode ? WithUsage(Expired, message)
        : new JobOutcome(JobStatus.Failed, 0, 0, message.ComputeMs, message.ErrorCode ?? "worker_error", message.ErrorMessage ?? "The worker could not run the job.");

    /// <summary>A stop (cancel or deadline) with what the worker generated before it: billed.</summary>
    private static JobOutcome WithUsage(JobOutcome stop, JobResultMessage report) =>
        stop with { PromptTokens = report.PromptTokens, CompletionTokens = report.CompletionTokens, ComputeMs = report.ComputeMs };
}
