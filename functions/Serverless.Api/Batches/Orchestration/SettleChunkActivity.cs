using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Api.Jobs;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Usage;
using Serverless.Jobs;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>
/// Settles a batch chunk once its worker reported (or the orchestration gave it up): records the usage of every
/// line answered, at the batch price (idempotent: keyed by each line's request id), claims the chunk's end through
/// <see cref="JobLifecycle"/> and, only when this run claimed it, settles its merged reservation; then writes the
/// batch's counts. Run again, it records nothing twice and settles nothing twice, and returns the same counts.
/// </summary>
public sealed class SettleChunkActivity(
    BatchStore batches, JobLifecycle jobs, JobPayloads payloads, QuotaGate quotas, PriceTable prices, UsageRecorder usage, IOptions<PriceOptions> priceOptions)
    : TaskActivity<ChunkSettlement, BatchRequestCounts>
{
    /// <inheritdoc />
    public override async Task<BatchRequestCounts> RunAsync(TaskActivityContext context, ChunkSettlement input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var batchId = input.Batch.BatchId;
        var row = await jobs.GetAsync(batchId, input.ChunkId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Chunk {input.ChunkId} has no row.");
        var lines = BatchOutput.Parse(await payloads.LoadAsync(row.Result, row.ResultBlob, CancellationToken.None));

        var endpoint = BatchChunks.EndpointOf(row.Kind) ?? string.Empty;
        var events = new List<UsageEvent>();
        var (promptTokens, completionTokens, cost) = (0, 0, 0m);
        foreach (var line in lines.Where(l => l.Succeeded))
        {
            var (model, prompt, completion) = BatchOutput.UsageOf(line, row.Model);
            var price = await prices.GetAsync(model, CancellationToken.None);
            var lineCost = price.BatchCostOf(prompt, completion, priceOptions.Value.BatchDiscount);
            events.Add(new UsageEvent(line.Id, row.KeyId, row.Owner, model, BatchEndpoints.UsageEndpoint(endpoint), prompt, completion, 0, 200, lineCost, row.CreatedAt));
            (promptTokens, completionTokens, cost) = (promptTokens + prompt, completionTokens + completion, cost + lineCost);
        }

        if (events.Count > 0)
        {
            await usage.RecordOnceAsync(events, CancellationToken.None);
        }

        var report = input.Result;
        var outcome = new JobOutcome(
            report.Succeeded ? JobStatus.Succeeded : JobStatus.Failed, promptTokens, completionTokens, report.ComputeMs, report.ErrorCode, report.ErrorMessage);
        var settlement = await jobs.SettleAsync(row, outcome, CancellationToken.None);
        if (settlement.ClaimedHere
            && settlement.Row.Reservation is { } stored
            && JsonSerializer.Deserialize(stored, JobsJsonContext.Default.Reservation) is { } reservation)
        {
            await quotas.SettleAsync(reservation, events.Count > 0, promptTokens + completionTokens, (long)decimal.Ceiling(cost * 1_000_000m), CancellationToken.None);
        }

        await jobs.ShowEndedAsync(settlement.Row, CancellationToken.None);
        var answered = events.Count;
        var counts = input.Before with { Completed = input.Before.Completed + answered, Failed = input.Before.Failed + (lines.Count - answered) };
        await batches.UpdateAsync(input.Batch.Partition, batchId, batch =>
        {
            (batch.Completed, batch.Failed) = (counts.Completed, counts.Failed);
            return true;
        }, CancellationToken.None);
        return counts;
    }
}
