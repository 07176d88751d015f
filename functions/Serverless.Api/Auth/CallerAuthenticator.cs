using System.Net;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Api.Keys;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Auth;

/// <summary>
/// Establishes who is calling: reads <c>Authorization: Bearer ...</c> (or Azure OpenAI's <c>api-key</c> header),
/// and accepts the bootstrap admin key, an issued API key or a JWT. Every failure is a 401 that does not say
/// whether a key exists; a key used from outside its IP allow list is a 403. Storage trouble fails closed (503).
/// </summary>
public sealed partial class CallerAuthenticator(
    ApiKeyCache keys,
    JwtValidator tokens,
    IOptions<AuthOptions> options,
    IConfiguration configuration,
    ILogger<CallerAuthenticator> logger)
{
    /// <summary>The setting that holds the first admin key.</summary>
    public const string BootstrapKeySetting = "ADMIN_API_KEY";

    private static readonly Caller BootstrapAdmin = new("admin-bootstrap", "admin", Role.Admin, [], null, [], "admin");
    private readonly Lazy<string?> bootstrapHash = new(() => BootstrapHash(configuration[BootstrapKeySetting], options.Value.KeyPepper!));

    /// <summary>The caller, or the error to answer with.</summary>
    public async Task<(Caller? Caller, ApiError? Error)> AuthenticateAsync(HttpContext context)
    {
        var (credential, error) = ReadCredential(context.Request);
        if (error is not null)
        {
            return (null, error);
        }

        Caller? caller;
        if (JwtValidator.LooksLikeJwt(credential!))
        {
            caller = await tokens.ValidateAsync(credential!, context.RequestAborted);
            if (caller is null)
            {
                return (null, AuthErrors.InvalidToken);
            }
        }
        else if (bootstrapHash.Value is { } adminHash && ApiKeySecrets.HashesEqual(ApiKeySecrets.Hash(credential!, options.Value.KeyPepper!), adminHash))
        {
            caller = BootstrapAdmin;
        }
        else if (!ApiKeySecrets.IsWellFormed(credential!))
        {
            return (null, AuthErrors.InvalidKey);
        }
        else
        {
            try
            {
                caller = (await keys.FindBySecretAsync(credential!, context.RequestAborted))?.ToCaller();
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException && !context.RequestAborted.IsCancellationRequested)
            {
                LogStorageUnavailable(e);
                return (null, AuthErrors.StorageUnavailable);
            }

            if (caller is null)
            {
                return (null, AuthErrors.InvalidKey);
            }
        }

        return caller.MayCallFrom(ClientAddress(context)) ? (caller, null) : (null, AuthErrors.IpNotAllowed);
    }

    /// <summary>
    /// The hash of the bootstrap admin key, or null when there is none usable: too short, or the literal text of a
    /// Key Vault reference that did not resolve (App Service passes that text on), which must never be a key.
    /// </summary>
    internal static string? BootstrapHash(string? key, string pepper) =>
        key is { Length: >= 16 } && !key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)
            ? ApiKeySecrets.Hash(key, pepper)
            : null;

    /// <summary>The address the request came from: the connection's, or the first <c>X-Forwarded-For</c> hop when trusted.</summary>
    public IPAddress? ClientAddress(HttpContext context)
    {
        if (options.Value.TrustForwardedFor
            && context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim() is { Length: > 0 } forwarded)
        {
            // Azure's front ends may append the port (1.2.3.4:5678).
            if (IPEndPoint.TryParse(forwarded, out var endpoint))
            {
                return endpoint.Address;
            }
        }

        return context.Connection.RemoteIpAddress;
    }

    private static (string? Credential, ApiError? Error) ReadCredential(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            const string Scheme = "Bearer ";
            return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && authorization.Length > Scheme.Length
                ? (authorization[Scheme.Length..].Trim(), null)
                : (null, AuthErrors.InvalidKey);
        }

        var apiKey = request.Headers["api-key"].ToString();
        return apiKey.Length > 0 ? (apiKey.Trim(), null) : (null, AuthErrors.Missing);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Error, Message = "Key storage is unavailable; refusing the request")]
    private partial void LogStorageUnavailable(Exception exception);
}
