using System.Net;

namespace Serverless.Api.Auth;

/// <summary>Who made a request, as established by an API key or a JWT: what the rest of the pipeline authorizes against.</summary>
/// <param name="KeyId">The key id (<c>jwt:</c> and the subject for tokens); never the secret.</param>
/// <param name="Owner">The tenant the caller acts for.</param>
/// <param name="Role">The caller's role.</param>
/// <param name="Scopes">The scopes the caller has; empty means every scope.</param>
/// <param name="Models">The models the caller may use; null means all.</param>
/// <param name="IpAllowlist">Networks the caller may call from; empty means anywhere.</param>
/// <param name="Tier">The pricing and limits tier.</param>
/// <param name="Limits">Limits of this key that override its tier's.</param>
/// <param name="DefaultWebhook">The webhook its async jobs call unless they name one.</param>
public sealed record Caller(
    string KeyId,
    string Owner,
    Role Role,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? Models,
    IReadOnlyList<IPNetwork> IpAllowlist,
    string Tier,
    Serverless.Api.Keys.KeyLimits? Limits = null,
    string? DefaultWebhook = null)
{
    /// <summary>Whether the caller holds <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) => Scopes.Count == 0 || Scopes.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether the caller may use <paramref name="model"/>.</summary>
    public bool MayUse(string model) => Models is null || Models.Contains(model, StringComparer.Ordinal);

    /// <summary>Whether the caller may call from <paramref name="address"/>.</summary>
    public bool MayCallFrom(IPAddress? address)
    {
        if (IpAllowlist.Count == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IpAllowlist.Any(network => network.Contains(normalized));
    }
}
