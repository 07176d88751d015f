using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Serverless.Api.Auth;

/// <summary>
/// The keys tokens may be signed with: those configured directly, and those of the JWKS, which IdentityModel's
/// <see cref="ConfigurationManager{T}"/> fetches, caches, refreshes on a timer and on request (a token with an
/// unknown <c>kid</c>). While no copy has ever been fetched, a failed fetch is remembered for
/// <see cref="FailureBackoff"/> and answered from memory, so a down identity provider is not asked once per request.
/// </summary>
public sealed class JwtSigningKeys
{
    /// <summary>How long a failed first fetch is answered from memory before the next try.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyList<SecurityKey> configured;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? jwks;
    private readonly TimeProvider time;
    private (Exception? Error, DateTimeOffset Until) failure;

    /// <summary>Reads the configured keys and prepares the JWKS fetch (nothing is fetched until a token arrives).</summary>
    public JwtSigningKeys(IOptions<AuthOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        this.time = time;
        var jwt = options.Value.Jwt;
        configured = jwt.SigningKeys.Select(ParseKey).ToArray();
        if (jwt.JwksUrl is { } url && AuthOptionsValidator.IsSecure(url))
        {
            var documents = new HttpDocumentRetriever(httpClients.CreateClient(nameof(JwtSigningKeys))) { RequireHttps = !url.IsLoopback };
            jwks = new ConfigurationManager<OpenIdConnectConfiguration>(url.AbsoluteUri, new JwksRetriever(), documents)
            {
                AutomaticRefreshInterval = jwt.KeyRefreshInterval,
                RefreshInterval = jwt.UnknownKeyRefreshInterval,
            };
        }
    }

    /// <summary>Every key a token may be signed with now.</summary>
    /// <exception cref="JwtKeysUnavailableException">The JWKS has never been fetched and cannot be now.</exception>
    public async Task<IReadOnlyList<SecurityKey>> GetAsync(CancellationToken cancellationToken)
    {
        if (jwks is null)
        {
            return configured;
        }

        var (error, until) = failure;
        if (error is not null && until > time.GetUtcNow())
        {
            throw new JwtKeysUnavailableException(error);
        }

        try
        {
            var configuration = await jwks.GetConfigurationAsync(cancellationToken);
            failure = (null, default);
            return [.. configured, .. configuration.SigningKeys];
        }
        catch (InvalidOperationException e) when (!cancellationToken.IsCancellationRequested)
        {
            // IdentityModel throws this only while it has no keys at all (later failures keep the last good copy).
            failure = (e, time.GetUtcNow() + FailureBackoff);
            throw new JwtKeysUnavailableException(e);
        }
    }

    /// <summary>
    /// Asks for the JWKS again (a token named a <c>kid</c> no known key has): honoured at most once per
    /// <see cref="JwtOptions.UnknownKeyRefreshInterval"/>. False when there is no JWKS to refresh.
    /// </summary>
    public bool RequestRefresh()
    {
        jwks?.RequestRefresh();
        return jwks is not null;
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
