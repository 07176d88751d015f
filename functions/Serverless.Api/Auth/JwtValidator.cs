using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Auth;

/// <summary>
/// Validates OAuth 2.0 / OIDC bearer tokens against the configured issuer, audience and signing keys
/// (<see cref="JwtSigningKeys"/>) and maps their claims to a <see cref="Caller"/>: the owner under
/// <see cref="Owners.TokenPrefix"/>, a role that reaches admin only when <see cref="JwtOptions.AllowAdminRole"/>
/// says so. Unsigned tokens (<c>alg: none</c>) never validate.
/// </summary>
public sealed partial class JwtValidator(JwtSigningKeys signingKeys, IOptions<AuthOptions> options, TimeProvider time, ILogger<JwtValidator> logger)
{
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    /// <summary>Whether tokens are accepted at all (an issuer is configured).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Jwt.Issuer);

    /// <summary>Whether <paramref name="credential"/> has the shape of a JWT (three base64url segments).</summary>
    public static bool LooksLikeJwt(string credential) =>
        credential.StartsWith("eyJ", StringComparison.Ordinal) && credential.Count(c => c == '.') == 2;

    /// <summary>The caller the token makes, or the error to answer with: 401 when it does not validate, 503 when the keys cannot be fetched.</summary>
    public async Task<(Caller? Caller, ApiError? Error)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return (null, AuthErrors.InvalidToken);
        }

        try
        {
            var keys = await signingKeys.GetAsync(cancellationToken);
            var result = await ValidateAsync(token, keys);
            if (!result.IsValid && NamesUnknownKey(token, keys) && signingKeys.RequestRefresh())
            {
                // A kid nobody knows: the identity provider may have rolled its keys over.
                result = await ValidateAsync(token, await signingKeys.GetAsync(cancellationToken));
            }

            return result.IsValid && ToCaller(result.ClaimsIdentity, options.Value.Jwt) is { } caller
                ? (caller, null)
                : (null, AuthErrors.InvalidToken);
        }
        catch (JwtKeysUnavailableException e)
        {
            LogKeysUnavailable(e);
            return (null, AuthErrors.TokenKeysUnavailable);
        }
    }

    private Task<TokenValidationResult> ValidateAsync(string token, IReadOnlyList<SecurityKey> keys)
    {
        var jwt = options.Value.Jwt;
        return handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            ValidateAudience = true,
            IssuerSigningKeys = keys,
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
        });
    }

    private bool NamesUnknownKey(string token, IReadOnlyList<SecurityKey> keys) =>
        handler.CanReadToken(token)
        && handler.ReadJsonWebToken(token).Kid is { Length: > 0 } kid
        && !keys.Any(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));

    private Caller? ToCaller(ClaimsIdentity identity, JwtOptions jwt)
    {
        if (Owners.FromToken(identity.FindFirst(jwt.OwnerClaim)?.Value) is not { } owner)
        {
            return null;
        }

        var roleClaim = identity.FindFirst(jwt.RoleClaim)?.Value;
        if (!Roles.TryParse(roleClaim ?? "user", out var role))
        {
            return null;
        }

        if (role == Role.Admin && !jwt.AllowAdminRole)
        {
            // The identity provider's "admin" may mean something else; only the operator can say it means ours.
            LogAdminRoleCapped();
            role = Role.User;
        }

        var scopes = identity.FindFirst(jwt.ScopeClaim)?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var subject = identity.FindFirst("sub")?.Value ?? owner[Owners.TokenPrefix.Length..];
        return new Caller("jwt:" + subject, owner, role, scopes, null, [], jwt.Tier);
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "The JWT signing keys cannot be fetched; token callers get 503 until they can")]
    private partial void LogKeysUnavailable(Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "A token claims the admin role but Auth:Jwt:AllowAdminRole is off; it acts as a user")]
    private partial void LogAdminRoleCapped();
}
