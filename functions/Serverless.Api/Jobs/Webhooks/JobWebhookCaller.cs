using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Api.Webhooks;
using Serverless.Jobs;

namespace Serverless.Api.Jobs.Webhooks;

/// <summary>
/// Calls an ended job's webhook once with the job object, signed with the secrets of the key that submitted it
/// (read at each call, so a retry after a rotation carries the new secret), and records the call for its owner.
/// </summary>
public sealed class JobWebhookCaller(
    JobViews views, WebhookSender sender, WebhookSigningSecrets signing, WebhookDeliveryStore deliveries, TimeProvider time, ILogger<JobWebhookCaller> logger)
{
    /// <summary>The error recorded when nothing can sign the call (the key has no secret and the legacy one is gone).</summary>
    public const string NoSecret = "The webhook was not called: its key has no webhook secret.";

    /// <summary>Makes call number <paramref name="attempt"/>; true when the receiver answered 2xx or there is no webhook.</summary>
    public async Task<bool> CallAsync(JobEntity row, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Webhook is not { } webhook)
        {
            return true;
        }

        // The same id on every attempt: receivers use it to drop duplicates.
        var messageId = "msg_" + row.RowKey;
        var secrets = await signing.ForKeyAsync(row.KeyId, cancellationToken);
        WebhookDelivery delivery;
        if (secrets.Count == 0)
        {
            WebhookLog.NoSigningSecret(logger, messageId, attempt, row.KeyId);
            delivery = new WebhookDelivery(attempt, time.GetUtcNow().ToUnixTimeSeconds(), null, NoSecret, 0);
        }
        else
        {
            var job = await views.ToObjectAsync(row, withResult: true, withDeliveries: false, cancellationToken);
            var body = JsonSerializer.Serialize(job, JobsJsonContext.Default.JobObject);
            delivery = await sender.SendAsync(new Uri(webhook), messageId, attempt, body, secrets, cancellationToken);
        }

        await deliveries.RecordAsync(row.RowKey, delivery, cancellationToken);
        return delivery.StatusCode is >= 200 and < 300;
    }
}
