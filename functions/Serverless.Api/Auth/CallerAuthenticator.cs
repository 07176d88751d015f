using System.Globalization;
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
/// whether a key exists; a key used from outside its IP allow list is a 403. Storage trouble fails closed (503). An
/// address with too many failures gets a 429 instead of a key lookup (<see cref="FailedAuthentications"/>).
/// </summary>
public sealed partial class CallerAuthenticator(
    ApiKeyCache keys,
    JwtValidator tokens,
    FailedAuthentications failures,
    IOptions<AuthOptions> options,
    IConfiguration configuration,
    ILogger<CallerAuthenticator> logger)
{
    /// <summary>The setting that holds the first admin key.</summary>
    public const string BootstrapKeySetting = "ADMIN_API_KEY";

    private static readonly Caller BootstrapAdmin = new("admin-bootstrap", Owners.BootstrapAdmin, Role.Admin, [], null, [], "admin");
    private readonly Lazy<string?> bootstrapHash = new(() =>
        options.Value.BootstrapKeyEnabled ? BootstrapHash(configuration[BootstrapKeySetting], options.Value.KeyPepper!) : null);

    /// <summary>The caller, or the error to answer with.</summary>
    public async Task<(Caller? Caller, ApiError? Error)> AuthenticateAsync(HttpContext context)
    {
        var address = ClientAddresses.Of(context);
        var (caller, error) = await IdentifyAsync(context, address);
        if (error is { StatusCode: StatusCodes.Status401Unauthorized } && error != AuthErrors.Missing)
        {
            failures.Record(address);
        }
        else if (error == AuthErrors.TooManyFailures)
        {
            context.Response.Headers.RetryAfter = ((int)FailedAuthentications.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return error is not null ? (null, error)
            : caller!.MayCallFrom(address) ? (caller, null)
            : (null, AuthErrors.IpNotAllowed);
    }

    private async Task<(Caller? Caller, ApiError? Error)> IdentifyAsync(HttpContext context, System.Net.IPAddress? address)
    {
        var (credential, error) = ReadCredential(context.Request);
        if (error is not null)
        {
            return (null, error);
        }

        if (JwtValidator.LooksLikeJwt(credential!))
        {
            return await tokens.ValidateAsync(credential!, context.RequestAborted);
        }

        var hash = ApiKeySecrets.Hash(credential!, options.Value.KeyPepper!);
        if (bootstrapHash.Value is { } adminHash && ApiKeySecrets.HashesEqual(hash, adminHash))
        {
            return (BootstrapAdmin, null);
        }

        if (!ApiKeySecrets.IsWellFormed(credential!))
        {
            return (null, AuthErrors.InvalidKey);
        }

        if (keys.TryGetCached(hash, out var cached))
        {
            return cached is not null ? (cached.ToCaller(), null) : (null, AuthErrors.InvalidKey);
        }

        if (failures.IsBlocked(address))
        {
            // Only a lookup costs anything, so only a lookup is refused: keys this instance knows still work from
            // an address another client behind the same NAT or proxy has been guessing from.
            return (null, AuthErrors.TooManyFailures);
        }

        try
        {
            return (await keys.FindAsync(hash, context.RequestAborted))?.ToCaller() is { } caller
                ? (caller, null)
                : (null, AuthErrors.InvalidKey);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException && !context.RequestAborted.IsCancellationRequested)
        {
            LogStorageUnavailable(e);
            return (null, AuthErrors.StorageUnavailable);
        }
    }

    /// <summary>
    /// The hash of the bootstrap admin key, or null when there is none usable: too short, or the literal text of a
    /// Key Vault reference that did not resolve (App Service passes that text on), which must never be a key.
    /// </summary>
    internal static string? BootstrapHash(string? key, string pepper) =>
        key is { Length: >= 16 } && !key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)
            ? ApiKeySecrets.Hash(key, pepper)
            : null;

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
