using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Webhooks;

/// <summary>
/// A row of the <c>webhooksecrets</c> table: partition = key id, row = empty. The secrets are Data Protection
/// ciphertext (they must sign, so they cannot be hashed), bound to the key id.
/// </summary>
internal sealed class WebhookSecretEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The secret that signs now, protected.</summary>
    public string Current { get; set; } = string.Empty;

    /// <summary>The secret before the last rotation, protected; it signs too until <see cref="PreviousValidUntil"/>.</summary>
    public string? Previous { get; set; }

    public DateTimeOffset? PreviousValidUntil { get; set; }

    /// <summary>When <see cref="Current"/> was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
