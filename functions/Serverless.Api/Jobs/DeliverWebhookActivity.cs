using System.Text.Json;
using Microsoft.DurableTask;
using Serverless.Api.Webhooks;

namespace Serverless.Api.Jobs;

/// <summary>One call of a job's webhook with the job object, recorded for the owner; true when the receiver answered 2xx.</summary>
public sealed class DeliverWebhookActivity(JobStore store, JobViews views, WebhookSender sender, WebhookDeliveryStore deliveries)
    : TaskActivity<WebhookAttempt, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, WebhookAttempt input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var row = await store.GetAsync(input.Partition, input.JobId, CancellationToken.None);
        if (row?.Webhook is not { } webhook)
        {
            return true; // nothing to call
        }

        var job = await views.ToObjectAsync(row, withResult: true, withDeliveries: false, CancellationToken.None);
        var body = JsonSerializer.Serialize(job, JobsJsonContext.Default.JobObject);

        // The same id on every attempt: receivers use it to drop duplicates.
        var delivery = await sender.SendAsync(new Uri(webhook), "msg_" + row.RowKey, input.Attempt, body, CancellationToken.None);
        await deliveries.RecordAsync(row.RowKey, delivery, CancellationToken.None);
        return delivery.StatusCode is >= 200 and < 300;
    }
}
