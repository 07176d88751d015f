using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Serverless.Client.Errors;

namespace Serverless.Client.Resilience;

/// <summary>
/// The standard resilience handler (total and per-attempt timeouts, retries with exponential backoff and jitter,
/// a circuit breaker), with retries limited to what is safe to repeat. Reads (<c>GET</c>), cancels (a job ends
/// once) and other idempotent calls are retried on any transient failure. A job submit is not idempotent: the API may
/// have created the job (and reserved its tokens) before a 5xx or a timeout, so repeating it could run and bill the
/// work twice; it is retried only on a 429, which the API answers before creating anything, and on a connection that
/// was never made.
/// </summary>
internal static class ServerlessResilience
{
    /// <summary>Applies the client's retry settings to the standard handler's options.</summary>
    public static void Configure(HttpStandardResilienceOptions resilience, ServerlessClientOptions options, TimeProvider time)
    {
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts);
        var enabled = options.MaxRetryAttempts > 0;
        var maxRetryAfter = options.MaxRetryAfter;
        resilience.Retry.ShouldHandle = args =>
            ValueTask.FromResult(enabled && ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), maxRetryAfter, time));
    }

    /// <summary>A handler with the same pipeline as the standard one, for a client made without dependency injection.</summary>
    public static ResilienceHandler CreateHandler(ServerlessClientOptions options, TimeProvider time, HttpMessageHandler inner)
    {
        var resilience = new HttpStandardResilienceOptions();
        Configure(resilience, options, time);
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(resilience.TotalRequestTimeout)
            .AddRetry(resilience.Retry)
            .AddCircuitBreaker(resilience.CircuitBreaker)
            .AddTimeout(resilience.AttemptTimeout)
            .Build();
        return new ResilienceHandler(pipeline) { InnerHandler = inner };
    }

    /// <summary>Whether the call that had <paramref name="outcome"/> may be sent again.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeSpan maxRetryAfter, TimeProvider time)
    {
        if (outcome.Result is { } response && ApiErrors.RetryAfterOf(response.Headers.RetryAfter, time) > maxRetryAfter)
        {
            return false; // the caller decides what to do with a long wait; the error carries it
        }

        if (IsIdempotent(request))
        {
            return HttpClientResiliencePredicates.IsTransient(outcome);
        }

        return outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
            || outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
    }

    /// <summary>Reads, deletes and cancels: calls that leave the same state however often they are made.</summary>
    private static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Delete
            || (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/cancel", StringComparison.Ordinal) == true));
}
