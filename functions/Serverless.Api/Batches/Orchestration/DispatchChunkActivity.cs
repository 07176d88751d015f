using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Api.Jobs;
using Serverless.Api.Jobs.Queues;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Jobs;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>
/// Dispatches the next chunk of a batch: reads the lines from <see cref="ChunkRequest.NextLine"/> to the end of their
/// slice, plans each as its route would (a line its route refuses becomes that error answer) and admits it against
/// the key's limits at the batch price, until a limit refuses one; then writes the chunk's job row (its lines, their
/// merged reservation) and puts its work message on the work queue of the batch owner's class (the key's, else its
/// tier's; the tier is cached, so this costs no read of its own). Run again for the same line (its answer
/// was lost), it finds the chunk's row and only sends the message again, which the workers' lifecycle makes harmless.
/// A run that dies between admitting and writing the row loses those reservations' release: they count until their
/// windows end, and nothing is billed.
/// </summary>
public sealed class DispatchChunkActivity(
    BatchStore batches,
    BatchSlices slices,
    JobLifecycle jobs,
    JobPayloads payloads,
    JobWorkQueue work,
    QuotaGate quotas,
    IServiceProvider services,
    IOptions<PriceOptions> prices,
    TimeProvider time) : TaskActivity<ChunkRequest, ChunkDispatch>
{
    /// <inheritdoc />
    public override async Task<ChunkDispatch> RunAsync(TaskActivityContext context, ChunkRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (batchId, next) = (input.Batch.BatchId, input.NextLine);
        var chunkId = BatchChunks.IdOf(batchId, next);
        if (await jobs.GetAsync(batchId, chunkId, CancellationToken.None) is { } dispatched)
        {
            await work.SendAsync(chunkId, batchId, PriorityClasses.Parse(dispatched.Priority), CancellationToken.None);
            return new ChunkDispatch(chunkId, next + (dispatched.BatchLines ?? 0), 0, false);
        }

        var batch = await batches.GetAsync(input.Batch.Partition, batchId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Batch {batchId} has no row.");
        var caller = JsonSerializer.Deserialize(batch.Caller, BatchesJsonContext.Default.BatchCaller)!.ToCaller();
        var priority = (await quotas.LimitsAsync(caller, CancellationToken.None)).Priority ?? PriorityClass.Normal;
        var route = (IBatchableRoute)services.GetRequiredService(BatchEndpoints.All[batch.Endpoint]);
        var sliceStart = next - (next % input.Batch.ChunkLines);
        var lines = await slices.ReadAsync(batchId, sliceStart, CancellationToken.None);

        var chunk = new StringBuilder();
        var reserved = new Dictionary<(string Subject, LimitKind Kind), long>();
        DateTimeOffset? admittedAt = null;
        string? model = null;
        var (taken, waitSeconds, exhausted) = (0, 0, false);
        foreach (var text in lines.Skip(next - sliceStart))
        {
            var line = JsonSerializer.Deserialize(text, BatchesJsonContext.Default.BatchInputLine)!;
            var plan = await route.PlanLineAsync(line.Body!.Value, caller, CancellationToken.None);
            BatchChunkLine chunkLine;
            if (plan.Error is { } refused)
            {
                var body = JsonSerializer.SerializeToElement(new ErrorBody(refused.Error), OpenAIJsonContext.Default.ErrorBody);
                chunkLine = new BatchChunkLine(line.CustomId!, null, null, refused.StatusCode, body);
            }
            else
            {
                var estimate = plan.Estimate;
                var cost = plan.Price!.BatchCostOf((int)Math.Min(estimate.PromptTokens, int.MaxValue), (int)Math.Min(estimate.CompletionTokens, int.MaxValue), prices.Value.BatchDiscount);
                var (admission, error, _) = await quotas.AdmitAsync(caller, plan.Model!, estimate.Total, (long)decimal.Ceiling(cost * 1_000_000m), CancellationToken.None);
                if (error is not null)
                {
                    // The day's tokens or the budget are spent: nothing more is dispatched. A moment's limit: wait.
                    exhausted = error.Error.Code == "insufficient_quota";
                    waitSeconds = exhausted ? 0 : Math.Max(1, error.Error.RetryAfter ?? 1);
                    break;
                }

                var reservation = await admission!.DetachAsync(CancellationToken.None);
                admittedAt ??= reservation.AdmittedAt;
                foreach (var amount in reservation.Amounts)
                {
                    reserved[(amount.Subject, amount.Kind)] = reserved.GetValueOrDefault((amount.Subject, amount.Kind)) + amount.Amount;
                }

                chunkLine = new BatchChunkLine(line.CustomId!, plan.Request, estimate.Total);
                model ??= plan.Model;
            }

            chunk.Append(JsonSerializer.Serialize(chunkLine, JobsContractJsonContext.Default.BatchChunkLine)).Append('\n');
            taken++;
        }

        if (taken == 0)
        {
            return new ChunkDispatch(null, next, waitSeconds, exhausted);
        }

        var now = time.GetUtcNow();
        var merged = admittedAt is { } at
            ? new Reservation([.. reserved.Select(r => new ReservedAmount(r.Key.Subject, r.Key.Kind, r.Value))], at)
            : null;
        var row = new JobEntity
        {
            PartitionKey = batchId,
            RowKey = chunkId,
            Owner = batch.Owner,
            KeyId = batch.KeyId,
            Kind = BatchChunks.KindOf(batch.Endpoint),
            Model = model ?? string.Empty,
            CreatedAt = now,
            ExpiresAt = batch.ExpiresAt,
            Reservation = merged is null ? null : JsonSerializer.Serialize(merged, JobsJsonContext.Default.Reservation),
            BatchLines = taken,
            Priority = PriorityClasses.NameOf(priority),
        };
        (row.Request, row.RequestBlob) = await payloads.StoreAsync(chunkId, "request", chunk.ToString(), CancellationToken.None);
        await jobs.AddAsync(row, CancellationToken.None);
        await work.SendAsync(chunkId, batchId, priority, CancellationToken.None);
        return new ChunkDispatch(chunkId, next + taken, waitSeconds, exhausted);
    }
}
