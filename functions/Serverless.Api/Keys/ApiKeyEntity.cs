using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Keys;

/// <summary>The table row of a key: partition = key id, row = empty; lists and maps are JSON.</summary>
internal sealed class ApiKeyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string ScopesJson { get; set; } = "[]";

    public string? ModelsJson { get; set; }

    public string IpAllowlistJson { get; set; } = "[]";

    public string Tier { get; set; } = string.Empty;

    public string? LimitsJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string LastFour { get; set; } = string.Empty;

    public string MetadataJson { get; set; } = "{}";

    public string? Webhook { get; set; }

    /// <summary>The hash of the current secret, so a rotation knows which secret row becomes the old one.</summary>
    public string SecretHash { get; set; } = string.Empty;
}
