using System.Security.Cryptography;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Serverless.Api.Auth;

/// <summary>
/// Validates OAuth 2.0 / OIDC bearer tokens against the configured issuer, audience and signing keys (given
/// directly, or fetched from a JWKS URL and refreshed hourly) and maps their claims to a <see cref="Caller"/>.
/// Unsigned tokens (<c>alg: none</c>) never validate.
/// </summary>
public sealed class JwtValidator(IOptions<AuthOptions> options, IHttpClientFactory httpClients, TimeProvider time)
{
    private static readonly TimeSpan JwksRefresh = TimeSpan.FromHours(1);
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly Lazy<IReadOnlyList<SecurityKey>> configuredKeys = new(() => options.Value.Jwt.SigningKeys.Select(ParseKey).ToArray());
    private readonly SemaphoreSlim jwksLock = new(1, 1);
    private (IReadOnlyList<SecurityKey> Keys, DateTimeOffset Expires) jwks = ([], DateTimeOffset.MinValue);

    /// <summary>Whether tokens are accepted at all (an issuer is configured).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Jwt.Issuer);

    /// <summary>Whether <paramref name="credential"/> has the shape of a JWT (three base64url segments).</summary>
    public static bool LooksLikeJwt(string credential) =>
        credential.StartsWith("eyJ", StringComparison.Ordinal) && credential.Count(c => c == '.') == 2;

    /// <summary>The caller the token makes, or null when it does not validate.</summary>
    public async Task<Caller?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = options.Value.Jwt;
        if (!Enabled)
        {
            return null;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience),
            IssuerSigningKeys = [.. configuredKeys.Value, .. await JwksKeysAsync(cancellationToken)],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512,
                SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384],
            LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now + p.ClockSkew) && expires is not null && expires > now - p.ClockSkew;
            },
        };

        var result = await handler.ValidateTokenAsync(token, parameters);
        return result.IsValid ? ToCaller(result.ClaimsIdentity, jwt) : null;
    }

    private static Caller? ToCaller(ClaimsIdentity identity, JwtOptions jwt)
    {
        var owner = identity.FindFirst(jwt.OwnerClaim)?.Value;
        if (string.IsNullOrEmpty(owner))
        {
            return null;
        }

        var roleClaim = identity.FindFirst(jwt.RoleClaim)?.Value;
        if (roleClaim is not null && !Roles.TryParse(roleClaim, out _))
        {
            return null;
        }

        Roles.TryParse(roleClaim ?? "user", out var role);
        var scopes = identity.FindFirst(jwt.ScopeClaim)?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var subject = identity.FindFirst("sub")?.Value ?? owner;
        return new Caller("jwt:" + subject, owner, role, scopes, null, [], jwt.Tier);
    }

    private async Task<IReadOnlyList<SecurityKey>> JwksKeysAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.Jwt.JwksUrl;
        if (url is null || jwks.Expires > time.GetUtcNow())
        {
            return jwks.Keys;
        }

        await jwksLock.WaitAsync(cancellationToken);
        try
        {
            if (jwks.Expires <= time.GetUtcNow())
            {
                var json = await httpClients.CreateClient(nameof(JwtValidator)).GetStringAsync(url, cancellationToken);
                jwks = (new JsonWebKeySet(json).GetSigningKeys().ToArray(), time.GetUtcNow() + JwksRefresh);
            }

            return jwks.Keys;
        }
        finally
        {
            jwksLock.Release();
        }
    }

    private static SecurityKey ParseKey(string value)
    {
        if (!value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return new SymmetricSecurityKey(Convert.FromBase64String(value));
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(value);
            return new ECDsaSecurityKey(ec);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // Not an EC key: it must be RSA.
            ec.Dispose();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(value);
        return new RsaSecurityKey(rsa);
    }
}
