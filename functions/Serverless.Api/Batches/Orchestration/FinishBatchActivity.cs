using System.Text;
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

        var answers = await AnswersAsync(batchId);
        var (output, errors) = (new StringBuilder(), new StringBuilder());
        var (completed, failed) = (0, 0);
        for (var start = 0; start < batch.Total; start += input.Batch.ChunkLines)
        {
            foreach (var text in await slices.ReadAsync(batchId, start, CancellationToken.None))
            {
                var customId = JsonSerializer.Deserialize(text, BatchesJsonContext.Default.BatchInputLine)!.CustomId!;
                var line = answers.GetValueOrDefault(customId)
                    ?? new BatchOutputLine(BatchOutputLine.NewId(), customId, null, NotRun(input.NotRunCode));
                (line.Succeeded ? output : errors).Append(JsonSerializer.Serialize(line, JobsContractJsonContext.Default.BatchOutputLine)).Append('\n');
                (completed, failed) = line.Succeeded ? (completed + 1, failed) : (completed, failed + 1);
            }
        }

        var outputFile = output.Length > 0 ? await StoreAsync(batch, "output", output) : null;
        var errorFile = errors.Length > 0 ? await StoreAsync(batch, "error", errors) : null;
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

    /// <summary>Every answered or refused line of the batch's chunks, by custom id.</summary>
    private async Task<Dictionary<string, BatchOutputLine>> AnswersAsync(string batchId)
    {
        var answers = new Dictionary<string, BatchOutputLine>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await jobs.ListAsync(batchId, after, ChunkPage, CancellationToken.None);
            foreach (var listed in page)
            {
                var chunk = await jobs.GetAsync(batchId, listed.RowKey, CancellationToken.None);
                foreach (var line in BatchOutput.Parse(chunk is null ? null : await payloads.LoadAsync(chunk.Result, chunk.ResultBlob, CancellationToken.None)))
                {
                    answers[line.CustomId] = line;
                }
            }

            if (page.Count < ChunkPage)
            {
                return answers;
            }

            after = page[^1].RowKey;
        }
    }

    private async Task<string> StoreAsync(BatchEntity batch, string kind, StringBuilder lines)
    {
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString()));
        var file = await files.AddAsync(batch.Owner, $"{batch.RowKey}_{kind}.jsonl", "batch_output", content, CancellationToken.None);
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
