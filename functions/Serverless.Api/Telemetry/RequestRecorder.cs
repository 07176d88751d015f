using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.Telemetry;

namespace Serverless.Api.Telemetry;

/// <summary>
/// The pipeline's observer: opens each request's span and telemetry feature, and when the request ends writes its
/// log line, records its metrics and closes its span, all from the same facts.
/// </summary>
public sealed class RequestRecorder(ApiMetrics metrics, TimeProvider time, ILoggerFactory loggerFactory)
{
    private const int MaxLoggedPathLength = 256;

    private const int MaxLoggedUserAgentLength = 512;

    /// <summary>Route templates as metric labels and span names: bounded, unlike the paths callers send.</summary>
    private static readonly FrozenDictionary<string, string> Endpoints = ApiRoutes.All.ToFrozenDictionary(r => r.Name, r => "/" + r.Template);

    private readonly ILogger requestLog = loggerFactory.CreateLogger(RequestLog.Category);

    /// <summary>Starts observing a request: its telemetry feature, the in-flight gauge, and its span (the caller disposes it).</summary>
    public Activity? Start(HttpContext context, ApiRoute route)
    {
        context.Features.Set(new RequestTelemetry(time.GetUtcNow()));
        metrics.RequestStarted();
        var endpoint = EndpointOf(route);
        var activity = ApiActivities.Source.StartServerActivity(context, $"{context.Request.Method} {endpoint}");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", context.Request.Method);
            activity.SetTag("http.route", endpoint);
            activity.SetTag("serverless.request_id", context.TraceIdentifier);
        }

        return activity;
    }

    /// <summary>Reports the finished request: one request log entry, its metrics, and its span's outcome.</summary>
    public void Complete(HttpContext context, ApiRoute route, TimeSpan elapsed, Activity? activity)
    {
        var telemetry = RequestTelemetry.Of(context) ?? new RequestTelemetry(time.GetUtcNow());
        var status = context.Response.StatusCode;
        var error = context.Features.Get<ApiError>() is { } answered
            ? answered.Error.Code ?? answered.Error.Type
            : context.RequestAborted.IsCancellationRequested ? "client_disconnected" : null;
        var endpoint = EndpointOf(route);
        var elapsedMs = elapsed.TotalMilliseconds;

        var path = context.Request.Path.Value ?? endpoint;
        RequestLog.Completed(
            requestLog,
            context.TraceIdentifier,
            telemetry.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ClientIp(context),
            UserAgent(context),
            context.Features.Get<Caller>()?.KeyId,
            telemetry.User,
            path.Length > MaxLoggedPathLength ? path[..MaxLoggedPathLength] : path,
            telemetry.Model,
            telemetry.PromptTokens,
            telemetry.CompletionTokens,
            Math.Round(elapsedMs, 3),
            status,
            error);
        metrics.RequestCompleted(endpoint, telemetry.ModelLabel, status, error, elapsedMs, telemetry.PromptTokens, telemetry.CompletionTokens);

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.response.status_code", status);
            if (telemetry.Model is not null)
            {
                activity.SetTag("gen_ai.request.model", telemetry.Model);
                activity.SetTag("gen_ai.usage.input_tokens", telemetry.PromptTokens);
                activity.SetTag("gen_ai.usage.output_tokens", telemetry.CompletionTokens);
            }

            if (error is not null)
            {
                activity.SetTag("error.type", error);
            }

            if (status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }

    private static string? UserAgent(HttpContext context) => context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent
        ? agent.Length > MaxLoggedUserAgentLength ? agent[..MaxLoggedUserAgentLength] : agent
        : null;

    private static string EndpointOf(ApiRoute route) => Endpoints.TryGetValue(route.Name, out var endpoint) ? endpoint : "/" + route.Template;

    private static string? ClientIp(HttpContext context) => ClientAddresses.Of(context) is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : null;
}
