using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Serverless.Jobs;
using Serverless.Telemetry;

namespace Serverless.Worker.Telemetry;

/// <summary>
/// The worker's spans: one per request in serve mode and one per job in job mode, each continuing the trace the
/// API's <c>traceparent</c> names (a request header, or a field of the work message).
/// </summary>
internal sealed class WorkerActivities : IEndpointFilter
{
    private static readonly ActivitySource Source = new(WorkerMetrics.MeterName);

    /// <summary>Starts the span of one job taken from the work queue <paramref name="queue"/>, a child of the request that submitted it.</summary>
    public static Activity? StartJob(JobWorkMessage work, string queue, long dequeueCount)
    {
        ArgumentNullException.ThrowIfNull(work);
        _ = ActivityContext.TryParse(work.TraceParent, null, out var parent);
        var activity = Source.StartActivity("job", ActivityKind.Consumer, parent);
        activity?.SetTag("job.id", work.JobId);
        activity?.SetTag("messaging.destination.name", queue);
        activity?.SetTag("messaging.message.delivery_count", dequeueCount);
        return activity;
    }

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
