using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Tiers;

/// <summary>The table row of a tier: partition = tier name, row = empty; limits are JSON.</summary>
internal sealed class TierEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string LimitsJson { get; set; } = "{}";

    public string ModelLimitsJson { get; set; } = "{}";
}
