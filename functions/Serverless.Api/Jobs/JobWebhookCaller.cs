using System.Text.Json;
using Serverless.Api.Webhooks;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>Calls an ended job's webhook once with the job object and records the call for its owner.</summary>
public sealed class JobWebhookCaller(JobViews views, WebhookSender sender, WebhookDeliveryStore deliveries)
{
    /// <summary>Makes call number <paramref name="attempt"/>; true when the receiver answered 2xx or there is no webhook.</summary>
    public async Task<bool> CallAsync(JobEntity row, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Webhook is not { } webhook)
        {
            return true;
        }

        var job = await views.ToObjectAsync(row, withResult: true, withDeliveries: false, cancellationToken);
        var body = JsonSerializer.Serialize(job, JobsJsonContext.Default.JobObject);

        // The same id on every attempt: receivers use it to drop duplicates.
        var delivery = await sender.SendAsync(new Uri(webhook), "msg_" + row.RowKey, attempt, body, cancellationToken);
        await deliveries.RecordAsync(row.RowKey, delivery, cancellationToken);
        return delivery.StatusCode is >= 200 and < 300;
    }
}
