using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Serverless.Jobs;
using Serverless.Worker.Telemetry;

namespace Serverless.Worker.Jobs;

/// <summary>
/// Handles one work message, at-least-once safe, moving the job row only through <see cref="JobLifecycle"/>: skips a
/// job that ended or was cancelled; re-announces a result an earlier delivery already stored instead of generating
/// again; keeps the message hidden while the model runs; stores the result (a blob when large), of which a job has
/// one however many deliveries run it; posts to <c>results</c>; and deletes the message only after that, from the class's
/// queue it came from. A message seen too often goes to the poison queue and its job fails with a clear error.
/// </summary>
internal sealed partial class JobMessageProcessor(
    QueueServiceClient queues,
    WorkQueues work,
    JobLifecycle jobs,
    JobPayloads payloads,
    JobExecutor executor,
    IOptions<JobModeOptions> options,
    TimeProvider time,
    ILogger<JobMessageProcessor> logger)
{
    private readonly QueueClient results = queues.GetQueueClient(JobQueueNames.Results);
    private readonly QueueClient poison = queues.GetQueueClient(JobQueueNames.JobsPoison);

    /// <summary>
    /// Creates the queues this mode uses, if missing (on Azurite). In Azure the deployment creates them
    /// and the job's identity holds only data roles, which may not create: that refusal is expected and ignored.
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        Func<Task>[] creates =
        [
            .. work.ByClass.Select(c => (Func<Task>)(() => c.Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken))),
            () => results.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            () => poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        ];
        foreach (var create in creates)
        {
            try
            {
                await create();
            }
            catch (RequestFailedException e) when (e.Status == 403)
            {
                LogCreateRefused(e.ErrorCode ?? "403");
            }
        }
    }

    /// <summary>Processes one delivered message to the end (deleted from its queue, or left to reappear after a failure).</summary>
    public async Task ProcessAsync(WorkDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (queue, message) = (delivery.Queue, delivery.Message);
        var work = Parse(message);
        if (work is null)
        {
            LogMalformed(message.MessageId, queue.Name);
            await poison.SendMessageAsync(message.Body.ToString(), cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return;
        }

        using var activity = WorkerActivities.StartJob(work, queue.Name, message.DequeueCount);
        if (message.DequeueCount > options.Value.MaxDequeueCount)
        {
            await PoisonAsync(delivery, work, cancellationToken);
            return;
        }

        var start = await jobs.StartAsync(work.Partition, work.JobId, cancellationToken);
        if (start is not { Result: JobStartResult.Started, Row: { } row })
        {
            await SkipAsync(delivery, work, start, cancellationToken);
            return;
        }

        LogStarted(work.JobId, PriorityClasses.NameOf(delivery.Class));
        using var renewal = new VisibilityRenewal(queue, message, options.Value.VisibilityTimeout, time, logger);
        await using var watch = new CancelWatch(jobs, row, options.Value.CancelCheckInterval, time, logger);
        var started = Stopwatch.GetTimestamp();
        JobExecution execution;
        try
        {
            var request = await payloads.LoadAsync(row.Request, row.RequestBlob, cancellationToken)
                ?? throw new InvalidOperationException("The job's request is missing.");
            execution = await executor.RunAsync(row.Kind, request, row.TokenBudget, delivery.Class, watch.Stop, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            LogRunFailed(e, work.JobId);
            execution = JobExecution.Failed("worker_error", "The worker failed while running the job.");
        }

        var computeMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (execution.WasStopped)
        {
            // Cancelled or out of time mid-generation: the orchestration bills what was generated.
            var now = await jobs.GetAsync(work.Partition, work.JobId, cancellationToken);
            execution = execution with { ErrorCode = now is { CancelRequested: true } ? JobResultMessage.CancelledCode : JobResultMessage.ExpiredCode };
            LogStopped(work.JobId, execution.CompletionTokens);
        }

        activity?.SetTag("job.succeeded", execution.Succeeded);
        activity?.SetTag("gen_ai.usage.output_tokens", execution.CompletionTokens);
        var (promptTokens, completionTokens) = (execution.PromptTokens, execution.CompletionTokens);
        if (execution.Succeeded)
        {
            // A large result goes to a blob of this delivery's own, so two deliveries never overwrite each other's.
            var (inline, blob) = await payloads.StoreAsync(work.JobId, $"result-{Guid.NewGuid():N}", execution.ResultJson!, cancellationToken);
            var stored = await jobs.StoreResultAsync(row, inline, blob, execution.PromptTokens, execution.CompletionTokens, cancellationToken);
            if (stored is null)
            {
                await renewal.StopAsync();
                await queue.DeleteMessageAsync(message.MessageId, renewal.PopReceipt, cancellationToken);
                return;
            }

            // What the row holds is what the owner sees and what is billed: another delivery's, if it stored first.
            (promptTokens, completionTokens) = (stored.PromptTokens, stored.CompletionTokens);
        }

        await PostAsync(
            new JobResultMessage(work.JobId, work.Partition, execution.Succeeded, promptTokens, completionTokens, computeMs, execution.ErrorCode, execution.ErrorMessage),
            cancellationToken);
        await renewal.StopAsync();
        await queue.DeleteMessageAsync(message.MessageId, renewal.PopReceipt, cancellationToken);
        LogDone(work.JobId, execution.Succeeded, computeMs);
    }

    /// <summary>
    /// Does not run a job that is missing, ended or cancelled. A cancelled job not yet ended is reported cancelled, in
    /// case the owner's cancel never reached its orchestration (an orchestration whose start a dead host still held
    /// drops it); when it did, this duplicate is ignored. A job whose result an earlier delivery stored (and then died
    /// before deleting the message) has that result announced again instead of being generated twice.
    /// </summary>
    private async Task SkipAsync(WorkDelivery delivery, JobWorkMessage work, JobStart start, CancellationToken cancellationToken)
    {
        LogSkipped(work.JobId, start.Result);
        if (start is { Result: JobStartResult.ResultStored, Row: { } stored })
        {
            await PostAsync(new JobResultMessage(work.JobId, work.Partition, true, stored.PromptTokens, stored.CompletionTokens, 0), cancellationToken);
        }
        else if (start.Result == JobStartResult.CancelRequested)
        {
            await PostAsync(JobResultMessage.Cancelled(work.JobId, work.Partition), cancellationToken);
        }

        await delivery.Queue.DeleteMessageAsync(delivery.Message.MessageId, delivery.Message.PopReceipt, cancellationToken);
    }

    private async Task PoisonAsync(WorkDelivery delivery, JobWorkMessage work, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        LogPoisoned(work.JobId, message.DequeueCount);
        await poison.SendMessageAsync(message.Body.ToString(), cancellationToken);
        await PostAsync(
            new JobResultMessage(work.JobId, work.Partition, false, 0, 0, 0, "job_poisoned",
                $"The job failed: workers picked it up {message.DequeueCount - 1} times without finishing it."),
            cancellationToken);
        await delivery.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    private async Task PostAsync(JobResultMessage result, CancellationToken cancellationToken) =>
        await results.SendMessageAsync(JsonSerializer.Serialize(result, JobsContractJsonContext.Default.JobResultMessage), cancellationToken);

    private static JobWorkMessage? Parse(QueueMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Body.ToString(), JobsContractJsonContext.Default.JobWorkMessage) is { JobId.Length: > 0, Partition.Length: > 0 } work ? work : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information, Message = "Job {JobId} stopped after {CompletionTokens} tokens; they are reported for billing")]
    private partial void LogStopped(string jobId, int completionTokens);

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Job {JobId} done (succeeded: {Succeeded}) in {ComputeMs} ms")]
    private partial void LogDone(string jobId, bool succeeded, long computeMs);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Job {JobId} skipped: {Reason}")]
    private partial void LogSkipped(string jobId, JobStartResult reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Job {JobId} delivered {DequeueCount} times: moved to the poison queue and failed")]
    private partial void LogPoisoned(string jobId, long dequeueCount);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Work message {MessageId} of queue {Queue} is not a job; moved to the poison queue")]
    private partial void LogMalformed(string messageId, string queue);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Information, Message = "Job {JobId} started (class {Priority})")]
    private partial void LogStarted(string jobId, string priority);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Debug, Message = "Creating a job queue or table was refused ({ErrorCode}); the deployment creates them")]
    private partial void LogCreateRefused(string errorCode);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "Job {JobId} failed in the worker")]
    private partial void LogRunFailed(Exception exception, string jobId);
}
