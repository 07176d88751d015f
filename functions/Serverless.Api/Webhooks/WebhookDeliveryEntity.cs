using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Webhooks;

/// <summary>A row of the <c>webhookdeliveries</c> table: one call, partitioned by job.</summary>
internal sealed class WebhookDeliveryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Attempt { get; set; }

    public DateTimeOffset At { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public long DurationMs { get; set; }
}
