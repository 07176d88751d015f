namespace Serverless.Api.Jobs.Orchestration;

/// <summary>What <see cref="EndJobActivity"/> tells the orchestration.</summary>
/// <param name="Status">The end status.</param>
/// <param name="HasWebhook">Whether the job has a webhook.</param>
/// <param name="WebhookDelivered">Whether the first webhook call got a 2xx (false also when there is none).</param>
public sealed record JobEnded(string Status, bool HasWebhook, bool WebhookDelivered)
{
    /// <summary>Whether the orchestration must call the webhook again.</summary>
    public bool NeedsWebhookRetry => HasWebhook && !WebhookDelivered;
}
