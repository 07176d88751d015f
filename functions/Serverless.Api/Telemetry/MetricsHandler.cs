using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;
using Serverless.Telemetry.Prometheus;

namespace Serverless.Api.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus scrape. Figures about every tenant are not for tenants, so it takes an
/// admin credential or the separate metrics token (<see cref="MetricsOptions.Token"/>) as a bearer token.
/// </summary>
internal sealed class MetricsHandler(PrometheusExporter exporter, CallerAuthenticator authenticator, IOptions<MetricsOptions> options) : IApiHandler
{
    private readonly byte[]? token = options.Value.Token is { Length: > 0 } value ? Encoding.UTF8.GetBytes(value) : null;

    public async Task HandleAsync(HttpContext context)
    {
        if (!HasMetricsToken(context.Request))
        {
            var (caller, error) = await authenticator.AuthenticateAsync(context);
            error ??= caller!.Role == Role.Admin ? null : AuthErrors.Forbidden;
            if (error is not null)
            {
                await OpenAIResponses.WriteErrorAsync(context.Response, error);
                return;
            }

            context.Features.Set(caller!);
        }

        await exporter.WriteAsync(context.Response);
    }

    private bool HasMetricsToken(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var authorization = request.Headers.Authorization.ToString();
        return token is not null
            && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()), token);
    }
}
