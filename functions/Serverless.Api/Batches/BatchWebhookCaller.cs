using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Api.Webhooks;

namespace Serverless.Api.Batches;

/// <summary>
/// Calls an ended batch's webhook (its key's default) with the batch object, signed with the key's webhook secrets
/// as a job's webhook is (the same <c>webhook-id</c> on every attempt), and records each call with the batch's id.
/// </summary>
public sealed class BatchWebhookCaller(WebhookSender sender, WebhookSigningSecrets signing, WebhookDeliveryStore deliveries, ILogger<BatchWebhookCaller> logger)
{
    /// <summary>Makes call number <paramref name="attempt"/> of <paramref name="batch"/>'s webhook, if it has one; true when it answered 2xx or there is none.</summary>
    public async Task<bool> CallAsync(BatchEntity batch, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Webhook is not { } webhook)
        {
            return true;
        }

        var messageId = "msg_" + batch.RowKey;
        var secrets = await signing.ForKeyAsync(batch.KeyId, cancellationToken);
        if (secrets.Count == 0)
        {
            WebhookLog.NoSigningSecret(logger, messageId, attempt, batch.KeyId);
            return false;
        }

        var body = JsonSerializer.Serialize(BatchViews.ToObject(batch), BatchesJsonContext.Default.BatchObject);
        var delivery = await sender.SendAsync(new Uri(webhook), messageId, attempt, body, secrets, cancellationToken);
        await deliveries.RecordAsync(batch.RowKey, delivery, cancellationToken);
        return delivery.StatusCode is >= 200 and < 300;
    }
}
