using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Serverless.Api.Catalog;
using Serverless.Api.Pipeline;
using Serverless.Api.Relay;
using Serverless.Api.Telemetry;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Upstreams;

/// <summary>
/// Serves a request for a catalog model: tries its deployments in <see cref="CandidatePlanner"/>'s order, moving on
/// when one answers 5xx or 429, times out or cannot be reached before the answer's headers, within the request's
/// deadline (<see cref="WorkerOptions.RequestTimeout"/>). Nothing is retried once the answer has begun, nor a client
/// error. The answer names the deployment in <c>x-served-by</c> and the public model in its <c>model</c> field.
/// </summary>
internal sealed partial class UpstreamRelay(
    IHttpClientFactory clients,
    DeploymentStates states,
    UpstreamCredentials credentials,
    AnswerRelay answers,
    IOptions<WorkerOptions> worker,
    TimeProvider time,
    ILogger<UpstreamRelay> logger)
{
    /// <summary>The named HTTP client upstream calls use.</summary>
    internal const string ClientName = "upstreams";

    /// <summary>The response header that names the deployment that served.</summary>
    internal const string ServedByHeader = "x-served-by";

    /// <summary>Whether some deployment of <paramref name="model"/> may be tried now (its circuit is not open on this instance).</summary>
    public bool MayServe(CatalogModel model) =>
        model.Deployments.Any(deployment => states.Of(model, deployment).Circuit != Polly.CircuitBreaker.CircuitState.Open);

    /// <summary>A model of the API's own worker (<see cref="WorkerOptions.BaseUrl"/>) as a catalog model, to serve as a fallback.</summary>
    public CatalogModel OwnWorker(OpenAI.Models.Model model) =>
        CatalogModel.OfWorker(model, worker.Value.BaseUrl!, worker.Value.RequestTimeout);

    /// <summary>Relays <paramref name="payload"/> (for the worker path <paramref name="path"/>) to the first deployment of <paramref name="plan"/> that answers.</summary>
    public async Task<RoutedOutcome> RelayAsync<T>(HttpContext context, RoutePlan plan, string path, T payload, JsonTypeInfo<T> typeInfo, long tokenBudget)
    {
        var aborted = context.RequestAborted;
        var body = JsonSerializer.SerializeToNode(payload, typeInfo)!.AsObject();
        var deadline = time.GetUtcNow() + worker.Value.RequestTimeout;
        var relative = path.StartsWith("v1/", StringComparison.Ordinal) ? path[3..] : path;
        var sent = Stopwatch.GetTimestamp();
        var candidates = CandidatePlanner.Plan(plan.Models, (model, deployment) => states.Of(model, deployment).Load);
        var failure = UpstreamErrors.NoDeployment(plan.Models[0].Id);
        foreach (var (model, deployment) in candidates)
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                failure = WorkerErrors.TimedOut;
                break;
            }

            var state = states.Of(model, deployment);
            if (!state.TryEnter(deployment.MaxConcurrency))
            {
                continue;
            }

            try
            {
                var attempt = await AttemptAsync(context, state, model, deployment, relative, body, plan, tokenBudget, remaining < deployment.Timeout ? remaining : deployment.Timeout);
                if (attempt.Outcome is { } outcome)
                {
                    return new RoutedOutcome(outcome with { WorkerTime = Stopwatch.GetElapsedTime(sent) }, attempt.Served ? model : null);
                }

                failure = attempt.Failure ?? failure;
            }
            finally
            {
                state.Exit();
            }
        }

        if (aborted.IsCancellationRequested)
        {
            return new RoutedOutcome(RelayOutcome.Failed(StatusCodes.Status499ClientClosedRequest, Stopwatch.GetElapsedTime(sent)), null);
        }

        LogNoDeploymentAnswered(context.TraceIdentifier, plan.Models[0].Id, failure.StatusCode);
        await OpenAIResponses.WriteErrorAsync(context.Response, failure);
        return new RoutedOutcome(RelayOutcome.Failed(failure.StatusCode, Stopwatch.GetElapsedTime(sent)), null);
    }

    /// <summary>
    /// One try of one deployment: the outcome when the request ends here (answered, refused as a client error, or the
    /// client left), or the error to answer if no later deployment does better.
    /// </summary>
    private async Task<(RelayOutcome? Outcome, bool Served, ApiError? Failure)> AttemptAsync(
        HttpContext context, DeploymentState state, CatalogModel model, Deployment deployment, string relative, JsonObject body, RoutePlan plan, long tokenBudget, TimeSpan timeout)
    {
        var aborted = context.RequestAborted;
        var callId = Guid.NewGuid().ToString("N");
        using var request = BuildRequest(context, model, deployment, relative, body, plan, tokenBudget, callId);
        if (request is null)
        {
            LogCredentialMissing(deployment.Credential!, state.Name);
            return (null, false, null);
        }

        using var span = ApiActivities.Source.StartActivity($"upstream POST /{relative}");
        span?.SetTag("peer.service", state.Name);
        var http = clients.CreateClient(ClientName);
        HttpResponseMessage upstream;
        var sent = Stopwatch.GetTimestamp();
        try
        {
            upstream = await state.Breaker.ExecuteAsync(
                async token =>
                {
                    using var bounded = new CancellationTokenSource(timeout, time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, bounded.Token);
                    try
                    {
                        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                    }
                    catch (OperationCanceledException e) when (bounded.IsCancellationRequested && !token.IsCancellationRequested)
                    {
                        throw new TimeoutRejectedException($"No answer within {timeout}.", e);
                    }
                },
                aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left while the deployment generated: stop it, and bill what a worker says it made.
            return await StopAsync(deployment, callId) is { } used
                ? (new RelayOutcome(StatusCodes.Status499ClientClosedRequest, used.PromptTokens, used.CompletionTokens, true, TimeSpan.Zero), true, null)
                : (RelayOutcome.Failed(StatusCodes.Status499ClientClosedRequest, TimeSpan.Zero), false, null);
        }
        catch (Exception e) when (e is BrokenCircuitException or HttpRequestException or TimeoutRejectedException)
        {
            LogAttemptFailed(context.TraceIdentifier, state.Name, e.GetType().Name);
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            if (e is TimeoutRejectedException)
            {
                _ = StopAsync(deployment, callId); // the call may still generate; nobody will read it
                return (null, false, UpstreamErrors.Of(deployment, WorkerErrors.TimedOut));
            }

            return (null, false, UpstreamErrors.Of(deployment, WorkerErrors.Unavailable));
        }

        using (upstream)
        {
            var status = (int)upstream.StatusCode;
            span?.SetTag("http.response.status_code", status);
            if (DeploymentState.IsFailure(Polly.Outcome.FromResult(upstream)))
            {
                LogAttemptFailed(context.TraceIdentifier, state.Name, status.ToString(CultureInfo.InvariantCulture));
                span?.SetStatus(ActivityStatusCode.Error);
                return (null, false, UpstreamErrors.Of(deployment, status == StatusCodes.Status429TooManyRequests ? WorkerErrors.Unavailable : WorkerErrors.Failed));
            }

            context.Response.Headers[ServedByHeader] = deployment.Id;
            RequestTiming.ReportUpstream(context, Stopwatch.GetElapsedTime(sent)); // earlier tries count as the gateway's time
            if (status >= 400 && deployment.Kind == DeploymentKind.OpenAI)
            {
                // A client error is the request's fault, so no other deployment would take it; the upstream's words stay upstream.
                LogUpstreamRefused(context.TraceIdentifier, state.Name, status);
                var error = status is 400 or 413 or 422 ? UpstreamErrors.Refused : UpstreamErrors.Rejected;
                await OpenAIResponses.WriteErrorAsync(context.Response, error);
                return (RelayOutcome.Failed(error.StatusCode, TimeSpan.Zero), false, null);
            }

            var rewrite = deployment.Model == model.Id && deployment.Kind == DeploymentKind.Worker
                ? null
                : new AnswerRewrite(model.Id, keepUsageChunk: body["stream_options"]?["include_usage"]?.GetValue<bool>() == true);
            RelayOutcome outcome;
            try
            {
                outcome = upstream.Content.Headers.ContentType?.MediaType == "text/event-stream"
                    ? await answers.StreamAsync(context, upstream, rewrite)
                    : await AnswerRelay.WholeAsync(context, upstream, rewrite);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                outcome = new RelayOutcome(StatusCodes.Status499ClientClosedRequest, 0, 0, true, TimeSpan.Zero) { Abandoned = true };
            }

            if (outcome.Abandoned)
            {
                upstream.Dispose();
                var generated = await StopAsync(deployment, callId);
                outcome = generated is { } used
                    ? outcome with { PromptTokens = Math.Max(used.PromptTokens, outcome.PromptTokens), CompletionTokens = Math.Max(used.CompletionTokens, outcome.CompletionTokens) }
                    : outcome;
            }

            RequestTelemetry.Of(context)?.Tokens(outcome.PromptTokens, outcome.CompletionTokens);
            return (outcome, outcome.Answered, null);
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Request {RequestId}: deployment {Deployment} failed before answering ({Reason}); trying the next")]
    private partial void LogAttemptFailed(string requestId, string deployment, string reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Request {RequestId}: no deployment of {Model} or its fallbacks answered; answering {StatusCode}")]
    private partial void LogNoDeploymentAnswered(string requestId, string model, int statusCode);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Deployment {Deployment}: no setting holds its credential {CredentialReference}; it is skipped")]
    private partial void LogCredentialMissing(string credentialReference, string deployment);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Request {RequestId}: deployment {Deployment} refused the request with {StatusCode}; not retried")]
    private partial void LogUpstreamRefused(string requestId, string deployment, int statusCode);
}
