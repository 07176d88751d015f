using Serverless.Api.Auth;

namespace Serverless.Api.Keys;

/// <summary>An API key as stored: everything but the secret, of which only a hash and the last four characters are kept.</summary>
public sealed record ApiKeyRecord(
    string Id,
    string Name,
    string Owner,
    Role Role,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? Models,
    IReadOnlyList<string> IpAllowlist,
    string Tier,
    KeyLimits? Limits,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string LastFour,
    IReadOnlyDictionary<string, string> Metadata,
    string? Webhook = null)
{
    /// <summary>Whether the key works at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>The caller this key makes.</summary>
    public Caller ToCaller() => new(
        Id, Owner, Role, Scopes, Models,
        IpAllowlist.Select(System.Net.IPNetwork.Parse).ToArray(),
        Tier,
        Limits,
        Webhook);
}
