using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Catalog;

/// <summary>The table row of a catalog model: partition = escaped model id, row = empty; the model as its admin JSON.</summary>
internal sealed class CatalogEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The model's admin JSON (<see cref="CatalogModelObject"/>); credentials appear only as reference names.</summary>
    public string Json { get; set; } = "{}";
}
