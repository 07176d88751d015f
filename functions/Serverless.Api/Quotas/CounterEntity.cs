using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Quotas;

/// <summary>
/// A shared counter: partition = the counted subject (key id, or key id and model), row = the limit kind. It holds
/// how much of the current window's limit has been leased to instances; a row from an older window counts as zero.
/// </summary>
internal sealed class CounterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Window { get; set; } = string.Empty;

    public long Leased { get; set; }
}
