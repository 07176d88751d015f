using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Api.Telemetry;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Relay;

/// <summary>
/// Relays an upstream's answer to the client: whole, or as a stream flushed event by event, with a heartbeat comment
/// while the upstream is quiet; it reports the tokens the client actually received. Shared by the worker relay and
/// the catalog's routed relay.
/// </summary>
public sealed partial class AnswerRelay(IOptions<WorkerOptions> options, TimeProvider time, ApiMetrics metrics, ILogger<AnswerRelay> logger)
{
    private static readonly byte[] Heartbeat = ": keep-alive\n\n"u8.ToArray();

    /// <summary>Relays a whole (non-streamed) answer; an answered error is recorded as the request's error.</summary>
    public static async Task<RelayOutcome> WholeAsync(HttpContext context, HttpResponseMessage upstream, AnswerRewrite? rewrite = null)
    {
        var status = (int)upstream.StatusCode;
        var body = await upstream.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (rewrite is not null && status < 400)
        {
            body = rewrite.Whole(body);
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? OpenAIResponses.JsonContentType;
        await response.Body.WriteAsync(body, context.RequestAborted);
        if (status >= 400)
        {
            context.Features.Set(RelayedError.From(status, body));
            return RelayOutcome.Failed(status, TimeSpan.Zero);
        }

        var (prompt, completion) = UsageReader.FromJson(body);
        return new RelayOutcome(status, prompt, completion, true, TimeSpan.Zero) { WholeBody = body };
    }

    /// <summary>Relays a stream event by event, flushing each; the tokens are those of the last event the client received.</summary>
    public async Task<RelayOutcome> StreamAsync(HttpContext context, HttpResponseMessage upstream, AnswerRewrite? rewrite = null)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.StatusCode = (int)upstream.StatusCode;
        response.ContentType = upstream.Content.Headers.ContentType?.ToString();
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await using var source = await upstream.Content.ReadAsStreamAsync(aborted);
        var events = new SseEventReader(source);
        var timing = new StreamTiming(metrics, context);
        (int Prompt, int Completion) delivered = (0, 0);
        try
        {
            while (await NextAsync(events, response, aborted) is { } next)
            {
                (ReadOnlyMemory<byte> bytes, (int, int)? reported) = rewrite is null ? (next.Bytes, null) : rewrite.Event(next.Bytes);
                if (!bytes.IsEmpty)
                {
                    await response.Body.WriteAsync(bytes, aborted);
                    await response.Body.FlushAsync(aborted);
                }

                // Counted only once the client has the event: an abandoned stream is billed for what it received.
                delivered = next.Usage ?? reported ?? delivered;
                timing.Delivered(delivered.Completion);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return new RelayOutcome(response.StatusCode, delivered.Prompt, delivered.Completion, true, TimeSpan.Zero) { Abandoned = true };
        }
        catch (Exception e) when (!aborted.IsCancellationRequested && e is HttpRequestException or IOException)
        {
            // The worker died mid-stream: end with an error event in OpenAI's shape rather than a silent cut.
            LogStreamBroken(e, context.TraceIdentifier);
            context.Features.Set(WorkerErrors.Failed);
            var error = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(WorkerErrors.Failed.Error), OpenAIJsonContext.Default.ErrorBody);
            await response.Body.WriteAsync("data: "u8.ToArray(), aborted);
            await response.Body.WriteAsync(error, aborted);
            await response.Body.WriteAsync("\n\n"u8.ToArray(), aborted);
            await response.Body.FlushAsync(aborted);
        }
        finally
        {
            timing.Complete();
        }

        return new RelayOutcome(response.StatusCode, delivered.Prompt, delivered.Completion, true, TimeSpan.Zero);
    }

    /// <summary>The next event; while the worker is quiet for longer than the heartbeat interval, a comment keeps proxies from closing the connection.</summary>
    private async Task<SseEvent?> NextAsync(SseEventReader events, HttpResponse response, CancellationToken aborted)
    {
        var read = events.ReadAsync(aborted);
        if (read.IsCompleted)
        {
            return await read;
        }

        var pending = read.AsTask();
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            var delay = Task.Delay(options.Value.StreamHeartbeat, time, quiet.Token);
            if (await Task.WhenAny(pending, delay) == pending)
            {
                await quiet.CancelAsync();
                return await pending;
            }

            await response.Body.WriteAsync(Heartbeat, aborted);
            await response.Body.FlushAsync(aborted);
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Request {RequestId}: the worker's stream broke off")]
    private partial void LogStreamBroken(Exception exception, string requestId);
}
