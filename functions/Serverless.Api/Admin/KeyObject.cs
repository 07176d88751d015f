using System.Text.Json.Serialization;
using Serverless.Api.Auth;
using Serverless.Api.Keys;

namespace Serverless.Api.Admin;

/// <summary>
/// A key as the admin API shows it; <see cref="Key"/> (the secret) and <see cref="WebhookSecret"/> (the secret that
/// signs its webhooks) only in the answer that issued them.
/// </summary>
public sealed record KeyObject(
    string Id,
    string Name,
    string Owner,
    string Role,
    IReadOnlyList<string> Scopes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<string>? Models,
    IReadOnlyList<string> IpAllowlist,
    string Tier,
    KeyLimits? Limits,
    long CreatedAt,
    long? ExpiresAt,
    long? RevokedAt,
    string Status,
    string LastFour,
    IReadOnlyDictionary<string, string> Metadata,
    string? Webhook,
    string? Key,
    string? WebhookSecret = null,
    long? WebhookSecretPreviousExpiresAt = null)
{
    /// <summary>Always <c>api_key</c>.</summary>
    public string Object => "api_key";

    /// <summary>
    /// The wire form of <paramref name="key"/>, with <paramref name="secret"/> and <paramref name="webhookSecret"/>
    /// when they were just issued, and until when the replaced webhook secret still signs after a rotation.
    /// </summary>
    public static KeyObject From(
        ApiKeyRecord key, DateTimeOffset now, string? secret = null, string? webhookSecret = null, DateTimeOffset? webhookSecretPreviousExpiresAt = null) => new(
        key.Id,
        key.Name,
        key.Owner,
        key.Role.ToWire(),
        key.Scopes,
        key.Models,
        key.IpAllowlist,
        key.Tier,
        key.Limits,
        key.CreatedAt.ToUnixTimeSeconds(),
        key.ExpiresAt?.ToUnixTimeSeconds(),
        key.RevokedAt?.ToUnixTimeSeconds(),
        key.RevokedAt is not null ? "revoked" : key.IsActive(now) ? "active" : "expired",
        key.LastFour,
        key.Metadata,
        key.Webhook,
        secret,
        webhookSecret,
        webhookSecretPreviousExpiresAt?.ToUnixTimeSeconds());
}
