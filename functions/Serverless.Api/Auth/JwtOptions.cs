using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Auth;

/// <summary>Validation of OAuth 2.0 / OIDC bearer tokens, bound from <c>Auth:Jwt</c>.</summary>
public sealed class JwtOptions
{
    /// <summary>The accepted issuer (<c>iss</c>); tokens are refused while it is empty.</summary>
    public string? Issuer { get; set; }

    /// <summary>The accepted audience (<c>aud</c>); required once an issuer is set.</summary>
    public string? Audience { get; set; }

    /// <summary>A JWKS URL to fetch the signing keys from: https (http only to a loopback address, for tests).</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>Signing keys given directly: base64 HMAC secrets or PEM public keys (RSA or EC).</summary>
    public IList<string> SigningKeys { get; } = [];

    /// <summary>How often the JWKS is fetched again when nothing asks for it sooner.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The least time between two fetches that a token with an unknown <c>kid</c> may cause: a key rollover at the
    /// identity provider is picked up at once, and a flood of made-up <c>kid</c>s costs one fetch per interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The claim that names the owner (tenant); token owners are kept apart from key owners as <c>jwt:&lt;value&gt;</c>.</summary>
    public string OwnerClaim { get; set; } = "sub";

    /// <summary>The claim that holds the role (<c>admin</c>, <c>user</c>, <c>reader</c>); absent means <c>user</c>.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Whether a token's <c>admin</c> role grants admin; when false (the default) such a token acts as a user.</summary>
    public bool AllowAdminRole { get; set; }

    /// <summary>The claim that holds space-separated scopes; absent means every scope.</summary>
    public string ScopeClaim { get; set; } = "scope";

    /// <summary>The tier given to token callers.</summary>
    public string Tier { get; set; } = "default";
}
