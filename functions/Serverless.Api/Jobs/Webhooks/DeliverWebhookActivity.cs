using Microsoft.DurableTask;
using Serverless.Jobs;

namespace Serverless.Api.Jobs.Webhooks;

/// <summary>A retry of a job's webhook call; true when the receiver answered 2xx.</summary>
public sealed class DeliverWebhookActivity(JobLifecycle jobs, JobWebhookCaller webhooks) : TaskActivity<WebhookAttempt, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, WebhookAttempt input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var row = await jobs.GetAsync(input.Partition, input.JobId, CancellationToken.None);
        return row is null || await webhooks.CallAsync(row, input.Attempt, CancellationToken.None);
    }
}
