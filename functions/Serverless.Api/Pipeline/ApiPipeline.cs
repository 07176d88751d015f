using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Api.Auth;
using Serverless.Api.Cors;
using Serverless.Api.Routing;
using Serverless.Api.Telemetry;
using Serverless.Api.Versioning;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Pipeline;

/// <summary>
/// Runs one request through the steps every route shares: request id, CORS (a preflight ends here), the API version
/// and deprecation headers, authentication, the route's handler, the single place
/// where an unexpected exception becomes an OpenAI-shaped 500, and the request's log line, metrics and span.
/// Both hosts call it, so they behave alike.
/// </summary>
public sealed partial class ApiPipeline(
    IServiceProvider services,
    ClientAddresses clientAddresses,
    CorsPolicy cors,
    Deprecations deprecations,
    CallerAuthenticator authenticator,
    RequestRecorder recorder,
    ILogger<ApiPipeline> logger)
{
    /// <summary>Serves <paramref name="context"/> with the handler of <paramref name="route"/>.</summary>
    public async Task InvokeAsync(HttpContext context, ApiRoute route)
    {
        clientAddresses.Apply(context);
        var requestId = RequestIds.Assign(context);
        var started = RequestTiming.Start(context).StartedTimestamp;
        using var activity = recorder.Start(context, route);
        try
        {
            if (cors.Apply(context))
            {
                return;
            }

            // Set before anything is written, so every answer (errors, streams) says which version served it.
            var (version, invalidVersion) = ApiVersions.Resolve(context.Request);
            context.Response.Headers[ApiVersions.Header] = version;
            if (invalidVersion is not null)
            {
                await OpenAIResponses.WriteErrorAsync(context.Response, invalidVersion);
                return;
            }

            context.Features.Set(route);
            deprecations.ApplyToRequest(context, route);
            if (route.Access is { } access)
            {
                var (caller, error) = await authenticator.AuthenticateAsync(context);
                error ??= access.Allows(caller!) ? null : AuthErrors.Forbidden;
                if (error is not null)
                {
                    await OpenAIResponses.WriteErrorAsync(context.Response, error);
                    return;
                }

                context.Features.Set(caller!);
            }

            var handler = (IApiHandler)services.GetRequiredService(route.HandlerType);
            await handler.HandleAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogClientDisconnected(requestId, route.Name);
        }
        catch (Exception e)
        {
            LogUnhandled(e, requestId, route.Name);
            await OpenAIResponses.WriteErrorAsync(context.Response, ApiError.Internal(requestId));
        }
        finally
        {
            recorder.Complete(context, route, Stopwatch.GetElapsedTime(started), activity);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Request {RequestId} on {Route}: the client went away")]
    private partial void LogClientDisconnected(string requestId, string route);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Request {RequestId} on {Route} failed")]
    private partial void LogUnhandled(Exception exception, string requestId, string route);
}
