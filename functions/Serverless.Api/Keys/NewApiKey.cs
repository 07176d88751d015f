using Serverless.Api.Auth;

namespace Serverless.Api.Keys;

/// <summary>What an admin asks for when creating a key (validated).</summary>
public sealed record NewApiKey(
    string Name,
    string Owner,
    Role Role,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? Models,
    IReadOnlyList<string> IpAllowlist,
    string Tier,
    KeyLimits? Limits,
    DateTimeOffset? ExpiresAt,
    IReadOnlyDictionary<string, string> Metadata,
    string? Webhook = null);
