using System.Text.Json;
using Microsoft.DurableTask;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>
/// Checks a batch's input and cuts it into slices; returns its number of lines, and marks it <c>in_progress</c>
/// (or <c>cancelling</c>, when a cancel came while it was validating). A bad input fails the batch here, with its
/// line-numbered errors, and returns 0. Run again, it does the same: slices are overwritten, the row rewritten.
/// </summary>
public sealed class StartBatchActivity(BatchStore batches, BatchInputSplitter splitter, TimeProvider time) : TaskActivity<BatchInput, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, BatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var batch = await batches.GetAsync(input.Partition, input.BatchId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Batch {input.BatchId} has no row.");
        if (BatchStatus.IsFinal(batch.Status))
        {
            return 0;
        }

        var (lines, errors) = await splitter.SplitAsync(batch, input.ChunkLines, CancellationToken.None);
        var now = time.GetUtcNow();
        await batches.UpdateAsync(input.Partition, input.BatchId, row =>
        {
            if (errors.Count > 0)
            {
                row.Status = BatchStatus.Failed;
                row.Errors = JsonSerializer.Serialize([.. errors], BatchesJsonContext.Default.ListBatchError);
                row.EndedAt = now;
            }
            else
            {
                row.Status = row.CancelRequested ? BatchStatus.Cancelling : BatchStatus.InProgress;
                row.Total = lines;
                row.InProgressAt ??= now;
            }

            return true;
        }, CancellationToken.None);
        return errors.Count > 0 ? 0 : lines;
    }
}
