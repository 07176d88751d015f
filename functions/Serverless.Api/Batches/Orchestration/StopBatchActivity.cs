using Microsoft.DurableTask;
using Serverless.Jobs;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>
/// Stops a batch's chunks still out (a cancel or the end of its window): flags each chunk's row, so a worker that
/// has not started it skips it and one running it stops between two lines and reports what it answered; a
/// cancelled batch shows <c>cancelling</c> until it ends.
/// </summary>
public sealed class StopBatchActivity(BatchStore batches, JobLifecycle jobs, TimeProvider time) : TaskActivity<StopChunks, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, StopChunks input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var chunkId in input.ChunkIds)
        {
            if (await jobs.GetAsync(input.Batch.BatchId, chunkId, CancellationToken.None) is { } chunk)
            {
                await jobs.RequestCancelAsync(chunk, CancellationToken.None);
            }
        }

        if (input.Cancelling)
        {
            var now = time.GetUtcNow();
            await batches.UpdateAsync(input.Batch.Partition, input.Batch.BatchId, row =>
            {
                if (BatchStatus.IsFinal(row.Status) || row.Status == BatchStatus.Cancelling)
                {
                    return false;
                }

                row.Status = BatchStatus.Cancelling;
                row.CancellingAt ??= now;
                return true;
            }, CancellationToken.None);
        }

        return true;
    }
}
