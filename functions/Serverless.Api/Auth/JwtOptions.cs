namespace Serverless.Api.Auth;

/// <summary>Validation of OAuth 2.0 / OIDC bearer tokens, bound from <c>Auth:Jwt</c>.</summary>
public sealed class JwtOptions
{
    /// <summary>The accepted issuer (<c>iss</c>); tokens are refused while it is empty.</summary>
    public string? Issuer { get; set; }

    /// <summary>The accepted audience (<c>aud</c>).</summary>
    public string? Audience { get; set; }

    /// <summary>A JWKS URL to fetch the signing keys from (refreshed hourly).</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>Signing keys given directly: base64 HMAC secrets or PEM public keys (RSA or EC).</summary>
    public IList<string> SigningKeys { get; } = [];

    /// <summary>The claim that names the owner (tenant).</summary>
    public string OwnerClaim { get; set; } = "sub";

    /// <summary>The claim that holds the role (<c>admin</c>, <c>user</c>, <c>reader</c>); absent means <c>user</c>.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim that holds space-separated scopes; absent means every scope.</summary>
    public string ScopeClaim { get; set; } = "scope";

    /// <summary>The tier given to token callers.</summary>
    public string Tier { get; set; } = "default";
}
