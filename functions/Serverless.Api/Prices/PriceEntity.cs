using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Prices;

/// <summary>The table row of a model's price: partition = escaped model id, row = empty; amounts as decimal strings.</summary>
internal sealed class PriceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The model id as given (the partition key is escaped).</summary>
    public string Model { get; set; } = string.Empty;

    public string InputPer1K { get; set; } = "0";

    public string OutputPer1K { get; set; } = "0";

    /// <summary>Null when the model has no cached price.</summary>
    public string? CachedPer1K { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
