using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Pipeline;

/// <summary>
/// When the pipeline took the request, so the relay can report the gateway's own share of the latency in a
/// <c>Server-Timing</c> header: <c>gateway</c> (time spent here, up to the answer's headers) and <c>worker</c>.
/// </summary>
public sealed class RequestTiming
{
    private RequestTiming(long startedTimestamp) => StartedTimestamp = startedTimestamp;

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the pipeline took the request.</summary>
    public long StartedTimestamp { get; }

    /// <summary>Starts timing <paramref name="context"/>.</summary>
    public static RequestTiming Start(HttpContext context)
    {
        var timing = new RequestTiming(Stopwatch.GetTimestamp());
        context.Features.Set(timing);
        return timing;
    }

    /// <summary>Adds <c>Server-Timing</c> with the gateway's time so far less <paramref name="upstream"/>.</summary>
    public static void ReportUpstream(HttpContext context, TimeSpan upstream)
    {
        if (context.Features.Get<RequestTiming>() is not { } timing)
        {
            return;
        }

        var total = Stopwatch.GetElapsedTime(timing.StartedTimestamp);
        var gateway = (total - upstream).TotalMilliseconds;
        context.Response.Headers["Server-Timing"] = string.Create(
            CultureInfo.InvariantCulture, $"gateway;dur={gateway:F3}, worker;dur={upstream.TotalMilliseconds:F3}");
    }
}
