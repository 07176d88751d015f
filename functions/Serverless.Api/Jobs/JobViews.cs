using System.Text.Json;
using Serverless.Api.Webhooks;
using Serverless.Jobs;
using TokenUsage = Serverless.OpenAI.Common.Usage;

namespace Serverless.Api.Jobs;

/// <summary>Turns job rows into the job objects the API answers with and webhooks carry.</summary>
public sealed class JobViews(JobPayloads payloads, WebhookDeliveryStore deliveries)
{
    /// <summary>The job object of <paramref name="row"/>, with its result and webhook calls where asked and there.</summary>
    public async Task<JobObject> ToObjectAsync(JobEntity row, bool withResult, bool withDeliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        JsonElement? result = null;
        if (withResult && row.Status == JobStatus.Succeeded && await payloads.LoadAsync(row.Result, row.ResultBlob, cancellationToken) is { } text)
        {
            using var document = JsonDocument.Parse(text);
            result = document.RootElement.Clone();
        }

        var deliveryList = withDeliveries && row.Webhook is not null ? await deliveries.ListAsync(row.RowKey, cancellationToken) : null;
        return new JobObject(
            row.RowKey,
            row.Status,
            row.CreatedAt.ToUnixTimeSeconds(),
            row.Model,
            row.StatusUrl,
            "/" + row.Kind,
            row.ExpiresAt.ToUnixTimeSeconds(),
            row.StartedAt?.ToUnixTimeSeconds(),
            row.CompletedAt?.ToUnixTimeSeconds(),
            row.Settled ? TokenUsage.Of(row.PromptTokens, row.CompletionTokens) : null,
            result,
            row.ErrorCode is { } code ? new JobError(code, row.ErrorMessage ?? code) : null,
            row.Webhook,
            deliveryList);
    }
}
