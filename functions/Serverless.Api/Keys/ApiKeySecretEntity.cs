using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Keys;

/// <summary>The row that finds a key by its secret: partition = HMAC hash of the secret (a point read), row = empty.</summary>
internal sealed class ApiKeySecretEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string KeyId { get; set; } = string.Empty;

    /// <summary>Set on a rotated-out secret: it works until then.</summary>
    public DateTimeOffset? ValidUntil { get; set; }
}
