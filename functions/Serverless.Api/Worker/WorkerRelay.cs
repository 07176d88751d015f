using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Serverless.Api.Pipeline;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Worker;

/// <summary>Forwards a validated request to the worker and relays its answer, streamed chunk by chunk when it is an event stream.</summary>
public sealed partial class WorkerRelay(WorkerClient worker, ILogger<WorkerRelay> logger)
{
    private const int RelayBufferBytes = 16 * 1024;

    /// <summary>Sends <paramref name="payload"/> to <paramref name="path"/> on the worker and writes its answer to <paramref name="context"/>.</summary>
    public async Task RelayAsync<T>(HttpContext context, string path, T payload, JsonTypeInfo<T> typeInfo)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        var aborted = context.RequestAborted;
        HttpResponseMessage upstream;
        var sent = Stopwatch.GetTimestamp();
        try
        {
            upstream = await worker.PostAsync(path, json, context.TraceIdentifier, aborted);
            RequestTiming.ReportUpstream(context, Stopwatch.GetElapsedTime(sent));
        }
        catch (Exception e) when (!aborted.IsCancellationRequested && ToError(e) is { } error)
        {
            LogWorkerCallFailed(e, context.TraceIdentifier, path, error.StatusCode);
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        using (upstream)
        {
            if ((int)upstream.StatusCode >= 500)
            {
                LogWorkerAnsweredError(context.TraceIdentifier, path, (int)upstream.StatusCode);
                await OpenAIResponses.WriteErrorAsync(context.Response, WorkerErrors.Failed);
                return;
            }

            await CopyAsync(context, upstream);
        }
    }

    private async Task CopyAsync(HttpContext context, HttpResponseMessage upstream)
    {
        var response = context.Response;
        var isStream = upstream.Content.Headers.ContentType?.MediaType == "text/event-stream";
        response.StatusCode = (int)upstream.StatusCode;
        response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? OpenAIResponses.JsonContentType;
        if (!isStream)
        {
            await upstream.Content.CopyToAsync(response.Body, context.RequestAborted);
            return;
        }

        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await using var source = await upstream.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[RelayBufferBytes];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                // Flush per read: the worker writes one event per flush, so each event reaches the client as it is made.
                await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && e is HttpRequestException or IOException)
        {
            // The worker died mid-stream: end with an error event in OpenAI's shape rather than a silent cut.
            LogStreamBroken(e, context.TraceIdentifier);
            var error = new ErrorBody(WorkerErrors.Failed.Error);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(error, OpenAIJsonContext.Default.ErrorBody);
            await response.Body.WriteAsync("\n\ndata: "u8.ToArray(), context.RequestAborted);
            await response.Body.WriteAsync(bytes, context.RequestAborted);
            await response.Body.WriteAsync("\n\n"u8.ToArray(), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static ApiError? ToError(Exception e) => e switch
    {
        BrokenCircuitException => WorkerErrors.Unavailable,
        TimeoutRejectedException or TaskCanceledException => WorkerErrors.TimedOut,
        HttpRequestException => WorkerErrors.Unavailable,
        _ => null,
    };

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Request {RequestId}: calling the worker at {Path} failed; answering {StatusCode}")]
    private partial void LogWorkerCallFailed(Exception exception, string requestId, string path, int statusCode);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Request {RequestId}: the worker answered {StatusCode} at {Path}")]
    private partial void LogWorkerAnsweredError(string requestId, string path, int statusCode);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Request {RequestId}: the worker's stream broke off")]
    private partial void LogStreamBroken(Exception exception, string requestId);
}
