using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;
using Serverless.Telemetry.Prometheus;

namespace Serverless.Api.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus scrape. Figures about every tenant are not for tenants, so it takes an
/// admin credential or the separate metrics token (<see cref="MetricsOptions.Token"/>) as a bearer token.
/// </summary>
internal sealed class MetricsHandler(PrometheusExporter exporter, OperatorAccess access) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!access.HasMetricsToken(context.Request))
        {
            var (admin, error) = await access.AuthenticateAdminAsync(context);
            if (error is not null)
            {
                await OpenAIResponses.WriteErrorAsync(context.Response, error);
                return;
            }

            context.Features.Set(admin!);
        }

        await exporter.WriteAsync(context.Response);
    }
}
