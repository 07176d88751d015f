using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Telemetry;

/// <summary>
/// Who may see operational detail (<c>/metrics</c>, <c>/readyz</c>'s detail): whoever presents the metrics token
/// (<see cref="MetricsOptions.Token"/>) or an admin credential as a bearer token.
/// </summary>
internal sealed class OperatorAccess(CallerAuthenticator authenticator, IOptions<MetricsOptions> options)
{
    private readonly byte[]? token = options.Value.Token is { Length: > 0 } value ? SHA256.HashData(Encoding.UTF8.GetBytes(value)) : null;

    /// <summary>Whether the request carries the metrics token; compared in constant time.</summary>
    public bool HasMetricsToken(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var authorization = request.Headers.Authorization.ToString();
        return token is not null
            && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim())), token);
    }

    /// <summary>The admin caller, or the error to answer a request without the metrics token with.</summary>
    public async Task<(Caller? Admin, ApiError? Error)> AuthenticateAdminAsync(HttpContext context)
    {
        var (caller, error) = await authenticator.AuthenticateAsync(context);
        error ??= caller!.Role == Role.Admin ? null : AuthErrors.Forbidden;
        return error is null ? (caller, null) : (null, error);
    }

    /// <summary>Whether the request comes from an operator; never answers anything itself.</summary>
    public async Task<bool> IsOperatorAsync(HttpContext context) =>
        HasMetricsToken(context.Request)
        || (context.Request.Headers.Authorization.Count > 0 && (await AuthenticateAdminAsync(context)).Admin is not null);
}
