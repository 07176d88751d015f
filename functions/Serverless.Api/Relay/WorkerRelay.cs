using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Serverless.Api.Pipeline;
using Serverless.Api.Telemetry;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Relay;

/// <summary>
/// Forwards a validated request to the worker and relays its answer: whole, or as a stream flushed event by event,
/// with a heartbeat comment while the worker is quiet. It reports the tokens the client actually received.
/// </summary>
public sealed partial class WorkerRelay(WorkerClient worker, AnswerRelay answers, TimeProvider time, ILogger<WorkerRelay> logger)
{
    /// <summary>How long asking the worker to stop an abandoned call may take.</summary>
    internal static readonly TimeSpan StopCallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sends <paramref name="payload"/> to <paramref name="path"/> on the worker, which keeps prompt and completion within
    /// <paramref name="tokenBudget"/> (what admission reserved) and admits it in the call's <see cref="CallPriority"/>, and
    /// writes its answer to <paramref name="context"/>.
    /// </summary>
    public async Task<RelayOutcome> RelayAsync<T>(HttpContext context, string path, T payload, JsonTypeInfo<T> typeInfo, long tokenBudget)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        var aborted = context.RequestAborted;

        // The worker call's span, from sending the request to the end of the relayed answer; HttpClient's own span
        // (the HTTP exchange up to the answer's headers) is its child and carries the traceparent to the worker.
        using var span = ApiActivities.Source.StartActivity($"worker POST /{path}");
        span?.SetTag("peer.service", "gpu-worker");
        HttpResponseMessage upstream;
        var callId = Guid.NewGuid().ToString("N");
        var sent = Stopwatch.GetTimestamp();
        try
        {
            upstream = await worker.PostAsync(path, json, context.TraceIdentifier, callId, tokenBudget, CallPriority.Of(context), aborted);
            RequestTiming.ReportUpstream(context, Stopwatch.GetElapsedTime(sent));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left while the worker generated: stop it, and bill what it made.
            return await AbandonedAsync(context, callId, StatusCodes.Status499ClientClosedRequest, (0, 0), sent);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested && ToError(e) is { } error)
        {
            LogWorkerCallFailed(e, context.TraceIdentifier, path, error.StatusCode);
            span?.SetStatus(ActivityStatusCode.Error, error.Error.Code);
            await OpenAIResponses.WriteErrorAsync(context.Response, error);

            // A timed-out call may have generated for minutes: it is stopped and what it made is billed.
            return error == WorkerErrors.TimedOut
                ? await AbandonedAsync(context, callId, error.StatusCode, (0, 0), sent)
                : RelayOutcome.Failed(error.StatusCode, Stopwatch.GetElapsedTime(sent));
        }

        using (upstream)
        {
            var status = (int)upstream.StatusCode;
            span?.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                span?.SetStatus(ActivityStatusCode.Error);
                LogWorkerAnsweredError(context.TraceIdentifier, path, status);
                await OpenAIResponses.WriteErrorAsync(context.Response, WorkerErrors.Failed);
                return RelayOutcome.Failed(WorkerErrors.Failed.StatusCode, Stopwatch.GetElapsedTime(sent));
            }

            RelayOutcome outcome;
            try
            {
                outcome = upstream.Content.Headers.ContentType?.MediaType == "text/event-stream"
                    ? await answers.StreamAsync(context, upstream)
                    : await AnswerRelay.WholeAsync(context, upstream);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                upstream.Dispose();
                return await AbandonedAsync(context, callId, StatusCodes.Status499ClientClosedRequest, (0, 0), sent);
            }

            if (outcome.Abandoned)
            {
                upstream.Dispose();
                return await AbandonedAsync(context, callId, outcome.Status, (outcome.PromptTokens, outcome.CompletionTokens), sent);
            }

            RequestTelemetry.Of(context)?.Tokens(outcome.PromptTokens, outcome.CompletionTokens);
            return outcome with { WorkerTime = Stopwatch.GetElapsedTime(sent) };
        }
    }

    /// <summary>
    /// A call nobody will read to its end: stops it on the worker and bills what the worker says it generated (at least
    /// <paramref name="delivered"/>). A call the worker does not know never reached the model and is not billed.
    /// </summary>
    private async Task<RelayOutcome> AbandonedAsync(HttpContext context, string callId, int status, (int Prompt, int Completion) delivered, long sent)
    {
        using var bounded = new CancellationTokenSource(StopCallTimeout, time);
        var generated = await worker.StopCallAsync(callId, bounded.Token);
        LogAbandoned(context.TraceIdentifier, generated?.CompletionTokens ?? delivered.Completion);
        var (prompt, completion) = generated is { } used
            ? (Math.Max(used.PromptTokens, delivered.Prompt), Math.Max(used.CompletionTokens, delivered.Completion))
            : delivered;
        RequestTelemetry.Of(context)?.Tokens(prompt, completion);
        var answered = generated is not null || delivered != (0, 0);
        return new RelayOutcome(status, prompt, completion, answered, Stopwatch.GetElapsedTime(sent));
    }

    internal static ApiError? ToError(Exception e) => e switch
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

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Request {RequestId}: abandoned (client gone or timed out); the worker was stopped after {CompletionTokens} tokens, which are billed")]
    private partial void LogAbandoned(string requestId, int completionTokens);

}
