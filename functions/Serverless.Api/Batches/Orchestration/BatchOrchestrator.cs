using Microsoft.DurableTask;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Jobs;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>
/// One batch: check its input and cut it into slices; dispatch its lines in chunks (each admitted against the key's
/// limits line by line, at most <see cref="BatchInput.MaxChunksInFlight"/> chunks out at once) onto the workers'
/// <c>jobs</c> queue; settle each chunk when its result comes (usage once per line, its reservation once); then write
/// the output and error files and end. A per-minute limit makes it wait and go on; a daily limit or the budget
/// stops the dispatch (lines not run are reported <c>insufficient_quota</c>); a cancel or the end of the window
/// stops it too: the chunks out are stopped between two lines and settled with what they answered, and lines not
/// run are reported <c>batch_cancelled</c> or <c>batch_expired</c>. Every step is an activity whose effects are
/// idempotent, so a host killed at any point replays to the same end. Deterministic: time from the context.
/// </summary>
public sealed class BatchOrchestrator : TaskOrchestrator<BatchInput, string>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1)));

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, BatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var lines = await context.CallActivityAsync<int>(nameof(StartBatchActivity), input, Retry);
        if (lines == 0)
        {
            return BatchStatus.Failed;
        }

        using var windowEnds = new CancellationTokenSource();
        Task expiry = context.CreateTimer(input.ExpiresAt.UtcDateTime, windowEnds.Token);
        Task<string> cancel = context.WaitForExternalEvent<string>(JobEvents.Cancel);
        var chunksOut = new Dictionary<Task<JobResultMessage>, string>();
        var counts = new BatchRequestCounts(lines, 0, 0);
        var next = 0;
        string? notRun = null;
        var status = BatchStatus.Completed;
        DateTime? resumeAt = null;
        DateTime? giveUpAt = null;
        while (true)
        {
            while (notRun is null && resumeAt is null && !cancel.IsCompleted && next < lines && chunksOut.Count < input.MaxChunksInFlight)
            {
                var dispatch = await context.CallActivityAsync<ChunkDispatch>(nameof(DispatchChunkActivity), new ChunkRequest(input, next), Retry);
                if (dispatch.ChunkId is { } chunk)
                {
                    chunksOut[context.WaitForExternalEvent<JobResultMessage>(chunk)] = chunk;
                }

                next = dispatch.End;
                if (dispatch.QuotaExhausted)
                {
                    notRun = "insufficient_quota";
                }
                else if (dispatch.WaitSeconds > 0)
                {
                    resumeAt = context.CurrentUtcDateTime.AddSeconds(dispatch.WaitSeconds);
                }
            }

            if (chunksOut.Count == 0 && (next >= lines || notRun is not null))
            {
                break;
            }

            using var timers = new CancellationTokenSource();
            var wakeAt = giveUpAt ?? resumeAt;
            var wake = wakeAt is { } at ? context.CreateTimer(at, timers.Token) : null;
            var waits = new List<Task>(chunksOut.Keys) { cancel, expiry };
            if (wake is not null)
            {
                waits.Add(wake);
            }

            var first = await Task.WhenAny(waits);
            if (first != wake && wake is not null)
            {
                // Synchronously: CancelAsync would run the rest of this method off the orchestration's scheduler.
#pragma warning disable CA1849
                timers.Cancel();
#pragma warning restore CA1849
            }

            if (first is Task<JobResultMessage> result && chunksOut.Remove(result, out var chunkId))
            {
                counts = await context.CallActivityAsync<BatchRequestCounts>(
                    nameof(SettleChunkActivity), new ChunkSettlement(input, chunkId, result.Result, counts), Retry);
            }
            else if (first == wake && giveUpAt is not null)
            {
                // Stopped chunks that never reported (no worker took them): settle them as not run, which releases
                // their reservations; a late report finds them settled and is dropped.
                foreach (var chunk in chunksOut.Values)
                {
                    var gaveUp = new JobResultMessage(chunk, input.BatchId, false, 0, 0, 0, notRun, "The chunk was stopped before a worker ran it.");
                    counts = await context.CallActivityAsync<BatchRequestCounts>(nameof(SettleChunkActivity), new ChunkSettlement(input, chunk, gaveUp, counts), Retry);
                }

                chunksOut.Clear();
            }
            else if (first == wake)
            {
                resumeAt = null;
            }
            else if (first == cancel || first == expiry)
            {
                var cancelled = first == cancel;
                (status, notRun) = cancelled ? (BatchStatus.Cancelled, "batch_cancelled") : (BatchStatus.Expired, "batch_expired");
                await context.CallActivityAsync(nameof(StopBatchActivity), new StopChunks(input, [.. chunksOut.Values], cancelled), Retry);
                giveUpAt = context.CurrentUtcDateTime + input.StopWait;
                resumeAt = null;

                // Each fires once: from now on wait only for the chunks out (and the give-up time).
                cancel = new TaskCompletionSource<string>().Task;
                expiry = new TaskCompletionSource().Task;
                if (cancelled)
                {
#pragma warning disable CA1849 // synchronously, as above
                    windowEnds.Cancel();
#pragma warning restore CA1849
                }
            }
        }

        if (!windowEnds.IsCancellationRequested)
        {
#pragma warning disable CA1849 // synchronously, as above
            windowEnds.Cancel();
#pragma warning restore CA1849
        }

        if (!await context.CallActivityAsync<bool>(nameof(FinishBatchActivity), new BatchEnd(input, status, notRun), Retry))
        {
            // The first webhook call (made when the batch ended) failed: calls 2, 3, … as a job's.
            await input.Webhooks.RunAsync(
                context,
                attempt => context.CallActivityAsync<bool>(nameof(DeliverBatchWebhookActivity), new BatchWebhookAttempt(input, attempt), Retry));
        }

        return status;
    }
}
