using System.Text.Json.Serialization;
using Serverless.Api.Auth;
using Serverless.Api.Keys;

namespace Serverless.Api.Admin;

/// <summary>A key as the admin API shows it; <see cref="Key"/> (the secret) only in the answer that issued it.</summary>
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
    string? Key)
{
    /// <summary>Always <c>api_key</c>.</summary>
    public string Object => "api_key";

    /// <summary>The wire form of <paramref name="key"/>, with <paramref name="secret"/> when it was just issued.</summary>
    public static KeyObject From(ApiKeyRecord key, DateTimeOffset now, string? secret = null) => new(
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
        secret);
}
