using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Files;

/// <summary>One file in the <c>files</c> table, partitioned by owner; its bytes are the blob of the same id.</summary>
public sealed class FileEntity : ITableEntity
{
    /// <summary>The table's name (and the blob container's).</summary>
    public const string TableName = "files";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The owner, unescaped.</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary>The name it was uploaded with.</summary>
    public string Filename { get; set; } = string.Empty;

    /// <summary><c>batch</c> (uploaded), <c>batch_output</c> (a batch's output or error file).</summary>
    public string Purpose { get; set; } = string.Empty;

    /// <summary>Its size.</summary>
    public long Bytes { get; set; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
