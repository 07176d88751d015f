using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Serverless.Telemetry;

/// <summary>Starts the span that covers one incoming request, continuing the caller's trace.</summary>
public static class ServerActivities
{
    /// <summary>
    /// A span named <paramref name="name"/> for the request: a child of the host's own span when something
    /// listens to that one's source (the Functions worker's invocation), else a server span continuing the W3C
    /// <c>traceparent</c> the caller sent. Null when nothing listens to <paramref name="source"/>.
    /// </summary>
    public static Activity? StartServerActivity(this ActivitySource source, HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(context);

        // ASP.NET Core makes an activity for every request while logging is on, from no source anyone listens to
        // unless its instrumentation is added: a child of that span would point at a parent no backend ever sees.
        if (Activity.Current is { } current && current.Source.HasListeners())
        {
            return source.StartActivity(name, ActivityKind.Internal);
        }

        var headers = context.Request.Headers;
        _ = ActivityContext.TryParse(headers.TraceParent, headers.TraceState, isRemote: true, out var parent);
        return source.StartActivity(name, ActivityKind.Server, parent);
    }
}
