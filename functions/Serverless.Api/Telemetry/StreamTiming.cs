using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Pipeline;

namespace Serverless.Api.Telemetry;

/// <summary>
/// Times one relayed stream as its client sees it: the first event that carries a generated token gives the time
/// to first token (from the request's arrival), the later ones the tokens per second after it.
/// </summary>
internal sealed class StreamTiming(ApiMetrics metrics, HttpContext context)
{
    private readonly long requestStarted = context.Features.Get<RequestTiming>()?.StartedTimestamp ?? Stopwatch.GetTimestamp();
    private readonly string model = RequestTelemetry.Of(context)?.ModelLabel ?? string.Empty;
    private long firstAt;
    private long lastAt;
    private int firstTokens;
    private int lastTokens;

    /// <summary>The client now has an event, and with it <paramref name="completionTokens"/> tokens in all.</summary>
    public void Delivered(int completionTokens)
    {
        if (completionTokens <= lastTokens)
        {
            return;
        }

        lastAt = Stopwatch.GetTimestamp();
        lastTokens = completionTokens;
        if (firstAt == 0)
        {
            firstAt = lastAt;
            firstTokens = completionTokens;
            metrics.FirstTokenRelayed(model, Stopwatch.GetElapsedTime(requestStarted, firstAt).TotalMilliseconds);
        }
    }

    /// <summary>The stream ended: records its rate, if it relayed tokens after the first.</summary>
    public void Complete()
    {
        var seconds = Stopwatch.GetElapsedTime(firstAt, lastAt).TotalSeconds;
        if (lastTokens > firstTokens && seconds > 0)
        {
            metrics.StreamCompleted(model, (lastTokens - firstTokens) / seconds);
        }
    }
}
