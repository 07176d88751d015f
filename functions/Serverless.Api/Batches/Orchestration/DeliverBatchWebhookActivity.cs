using Microsoft.DurableTask;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>A retry of an ended batch's webhook call; true when the receiver answered 2xx.</summary>
public sealed class DeliverBatchWebhookActivity(BatchStore batches, BatchWebhookCaller webhooks) : TaskActivity<BatchWebhookAttempt, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, BatchWebhookAttempt input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var batch = await batches.GetAsync(input.Batch.Partition, input.Batch.BatchId, CancellationToken.None);
        return batch is null || await webhooks.CallAsync(batch, input.Attempt, CancellationToken.None);
    }
}
