using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Serverless.Telemetry;

namespace Serverless.Worker.Telemetry;

/// <summary>The worker's request spans, continuing the trace the API's <c>traceparent</c> names.</summary>
internal sealed class WorkerActivities : IEndpointFilter
{
    private static readonly ActivitySource Source = new(WorkerMetrics.MeterName);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value;
        using var activity = Source.StartServerActivity(http, $"{http.Request.Method} {route}");
        activity?.SetTag("http.request.method", http.Request.Method);
        activity?.SetTag("http.route", route);
        try
        {
            return await next(context);
        }
        finally
        {
            activity?.SetTag("http.response.status_code", http.Response.StatusCode);
            if (http.Response.StatusCode >= 500)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
