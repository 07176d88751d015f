using System.Diagnostics;
using System.Diagnostics.Metrics;
using Serverless.Api.Quotas;

namespace Serverless.Api.Telemetry;

/// <summary>
/// The API's instruments, named as Prometheus shows them (the seed's names): requests, latency, tokens, errors,
/// rate-limit rejections, requests in flight, streaming time to first token and tokens per second, and storage calls.
/// </summary>
public sealed class ApiMetrics
{
    /// <summary>The meter (and activity source) name.</summary>
    public const string MeterName = "Serverless.Api";

    /// <summary>Latency buckets in ms: from a cached answer to a long generation.</summary>
    private static readonly double[] LatencyBuckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];

    /// <summary>Job time buckets in seconds (Prometheus' base unit; the seed names no job metric): from a short job on an idle stack to the longest timeout.</summary>
    private static readonly double[] JobBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 86400];

    private static readonly double[] RateBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];

    private readonly Counter<long> requests;
    private readonly Histogram<double> duration;
    private readonly Counter<long> tokens;
    private readonly Counter<long> errors;
    private readonly Counter<long> rateLimitRejections;
    private readonly UpDownCounter<long> inFlight;
    private readonly Histogram<double> firstToken;
    private readonly Histogram<double> streamRate;
    private readonly Counter<long> storageCalls;
    private readonly Counter<long> jobsEnded;
    private readonly Histogram<double> jobDuration;
    private readonly Histogram<double> jobWait;
    private readonly Counter<long> cacheLookups;

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/>.</summary>
    public ApiMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        requests = meter.CreateCounter<long>("api_requests_total", description: "Requests answered, by model, route and outcome (success, client_error, error).");
        duration = meter.CreateHistogram("api_request_duration_ms", "ms", "Time from receiving a request to finishing its answer, in milliseconds.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        tokens = meter.CreateCounter<long>("api_tokens_processed_total", description: "Tokens of answered requests, by model and type (prompt, completion).");
        errors = meter.CreateCounter<long>("api_errors_total", description: "Error answers, by route and OpenAI error code.");
        rateLimitRejections = meter.CreateCounter<long>("api_rate_limit_rejections_total", description: "Requests refused with 429, by the limit that refused them.");
        inFlight = meter.CreateUpDownCounter<long>("api_requests_in_flight", description: "Requests being served right now.");
        firstToken = meter.CreateHistogram("api_time_to_first_token_ms", "ms", "Streams: time from receiving the request to relaying the first generated token, in milliseconds.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        streamRate = meter.CreateHistogram("api_stream_tokens_per_second", "{token}/s", "Streams: completion tokens per second after the first token.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RateBuckets });
        storageCalls = meter.CreateCounter<long>("api_storage_calls_total", description: "HTTP requests to Azure Table storage, retries included, by table.");
        jobsEnded = meter.CreateCounter<long>("api_jobs_completed_total", description: "Async jobs that ended, by model and end status (succeeded, failed, cancelled, expired).");
        jobDuration = meter.CreateHistogram("api_job_duration_seconds", "s", "Async jobs: time from submit to end, in seconds, by model and end status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobBuckets });
        cacheLookups = meter.CreateCounter<long>("api_response_cache_lookups_total", description: "Requests the response cache considered, by model and result (hit, miss).");
        jobWait = meter.CreateHistogram("api_job_wait_seconds", "s", "Async jobs: time from submit until a worker started it, in seconds, by model.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobBuckets });
    }

    /// <summary>A job ended (recorded once, by the run that settled it).</summary>
    public void JobEnded(string model, string status, TimeSpan duration, TimeSpan? wait)
    {
        var tags = new TagList { { "model", model }, { "status", status } };
        jobsEnded.Add(1, tags);
        jobDuration.Record(duration.TotalSeconds, tags);
        if (wait is { } waited)
        {
            jobWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("model", model));
        }
    }

    /// <summary>A request entered the pipeline.</summary>
    public void RequestStarted() => inFlight.Add(1);

    /// <summary>A request left the pipeline; <paramref name="model"/> is empty unless the model was resolved.</summary>
    public void RequestCompleted(string endpoint, string model, int statusCode, string? errorCode, double elapsedMs, int promptTokens, int completionTokens)
    {
        inFlight.Add(-1);
        var status = statusCode >= 500 ? "error" : statusCode >= 400 ? "client_error" : "success";
        requests.Add(1, new TagList { { "model", model }, { "endpoint", endpoint }, { "status", status } });
        duration.Record(elapsedMs, new TagList { { "model", model }, { "endpoint", endpoint } });
        if (promptTokens > 0)
        {
            tokens.Add(promptTokens, new TagList { { "model", model }, { "type", "prompt" } });
        }

        if (completionTokens > 0)
        {
            tokens.Add(completionTokens, new TagList { { "model", model }, { "type", "completion" } });
        }

        if (errorCode is not null)
        {
            errors.Add(1, new TagList { { "endpoint", endpoint }, { "code", errorCode } });
        }
    }

    /// <summary>The quota gate refused a request.</summary>
    public void RateLimitRejected(LimitKind kind) => rateLimitRejections.Add(1, new KeyValuePair<string, object?>("limit", LimitName(kind)));

    /// <summary>A stream relayed its first generated token <paramref name="elapsedMs"/> after the request arrived.</summary>
    public void FirstTokenRelayed(string model, double elapsedMs) => firstToken.Record(elapsedMs, new KeyValuePair<string, object?>("model", model));

    /// <summary>A stream ended, having relayed tokens at <paramref name="tokensPerSecond"/> after its first one.</summary>
    public void StreamCompleted(string model, double tokensPerSecond) => streamRate.Record(tokensPerSecond, new KeyValuePair<string, object?>("model", model));

    /// <summary>The response cache was asked for an answer of <paramref name="model"/> and had it or not.</summary>
    public void ResponseCacheLookedUp(string model, bool hit) =>
        cacheLookups.Add(1, new TagList { { "model", model }, { "result", hit ? "hit" : "miss" } });

    /// <summary>One HTTP request to Table storage left the process.</summary>
    public void StorageCalled(string table) => storageCalls.Add(1, new KeyValuePair<string, object?>("table", table));

    private static string LimitName(LimitKind kind) => kind switch
    {
        LimitKind.RequestsPerMinute => "requests_per_minute",
        LimitKind.TokensPerMinute => "tokens_per_minute",
        LimitKind.RequestsPerDay => "requests_per_day",
        LimitKind.TokensPerDay => "tokens_per_day",
        LimitKind.Concurrency => "concurrency",
        _ => "budget_per_day",
    };
}
