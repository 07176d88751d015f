using System.Text.Json;
using Microsoft.DurableTask;
using Serverless.Api.Files;
using Serverless.Jobs;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>
/// Ends a batch: walks its lines in input order, puts each answered line in the output file and every other line in
/// the error file (an error answer as the worker wrote it; a line never run with <see cref="BatchEnd.NotRunCode"/>),
/// stores the two files, and marks the batch ended with its counts; then makes the first call of its webhook
/// (false when it failed: the orchestration calls again). A batch already ended is left as it is, so a retried run
/// writes no second set of files.
/// </summary>
public sealed class FinishBatchActivity(
    BatchStore batches, BatchSlices slices, JobLifecycle jobs, JobPayloads payloads, FileStore files, BatchWebhookCaller webhooks, TimeProvider time)
    : TaskActivity<BatchEnd, bool>
{
    private const int ChunkPage = 1000;

    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, BatchEnd input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (batchId, partition) = (input.Batch.BatchId, input.Batch.Partition);
        var batch = await batches.GetAsync(partition, batchId, CancellationToken.None) ?? throw new InvalidOperationException($"Batch {batchId} has no row.");
        if (BatchStatus.IsFinal(batch.Status))
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (input.Status == BatchStatus.Completed)
        {
            batch = await batches.UpdateAsync(partition, batchId, row =>
            {
                (row.Status, row.FinalizingAt) = (BatchStatus.Finalizing, row.FinalizingAt ?? now);
                return true;
            }, CancellationToken.None);
        }

        // Line by line in input order, one slice and one chunk's answers in memory at a time; the two files are
        // written to disk as they grow (an output of 50,000 embeddings is hundreds of megabytes), then stored.
        await using var output = new BatchOutputFile();
        await using var errors = new BatchOutputFile();
        var chunks = new ChunkWalk(batchId, await ChunkIdsAsync(batchId), jobs, payloads);
        for (var start = 0; start < batch.Total; start += input.Batch.ChunkLines)
        {
            var slice = await slices.ReadAsync(batchId, start, CancellationToken.None);
            for (var i = 0; i < slice.Count; i++)
            {
                var customId = JsonSerializer.Deserialize(slice[i], BatchesJsonContext.Default.BatchInputLine)!.CustomId!;
                var line = await chunks.AnswerAsync(start + i, customId)
                    ?? new BatchOutputLine(BatchOutputLine.NewId(), customId, null, NotRun(input.NotRunCode));
                await (line.Succeeded ? output : errors).WriteAsync(line);
            }
        }

        var (completed, failed) = (output.Lines, errors.Lines);
        var outputFile = completed > 0 ? await StoreAsync(batch, "output", output) : null;
        var errorFile = failed > 0 ? await StoreAsync(batch, "error", errors) : null;
        var ended = time.GetUtcNow();
        batch = await batches.UpdateAsync(partition, batchId, row =>
        {
            row.Status = input.Status;
            (row.OutputFileId, row.ErrorFileId) = (outputFile, errorFile);
            (row.Completed, row.Failed) = (completed, failed);
            row.EndedAt = ended;
            return true;
        }, CancellationToken.None);
        await slices.DeleteAsync(batchId, CancellationToken.None);
        return await webhooks.CallAsync(batch, attempt: 1, CancellationToken.None);
    }

    /// <summary>The ids of the batch's chunks, in line order (a chunk's id ends with its first line).</summary>
    private async Task<List<string>> ChunkIdsAsync(string batchId)
    {
        var ids = new List<string>();
        while (true)
        {
            var page = await jobs.ListAsync(batchId, ids.Count == 0 ? null : ids[^1], ChunkPage, null, CancellationToken.None);
            ids.AddRange(page.Select(c => c.RowKey));
            if (page.Count < ChunkPage)
            {
                return ids;
            }
        }
    }

    private async Task<string> StoreAsync(BatchEntity batch, string kind, BatchOutputFile lines)
    {
        var file = await files.AddAsync(batch.Owner, $"{batch.RowKey}_{kind}.jsonl", "batch_output", await lines.ReadBackAsync(), CancellationToken.None);
        return file.RowKey;
    }

    private static BatchLineError NotRun(string? code) => code switch
    {
        "batch_expired" => new(code, "This request could not be executed before the completion window expired."),
        "batch_cancelled" => new(code, "This request was not executed because the batch was cancelled."),
        "insufficient_quota" => new(code, "This request was not executed: the key's daily tokens or budget were used up."),
        _ => new("request_failed", "This request could not be executed: its worker failed."),
    };
}
