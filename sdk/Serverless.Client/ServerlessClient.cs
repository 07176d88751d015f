using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Serverless.Client.Errors;
using Serverless.Client.Jobs;
using Serverless.Client.Resilience;
using Serverless.Client.Serialization;
using Serverless.Client.Usage;

namespace Serverless.Client;

/// <summary>
/// Calls what the official OpenAI SDK does not cover: async jobs (submit, get, list, cancel, wait), usage and quota.
/// Keep an <c>OpenAIClient</c> with the same endpoint and key for chat, completions and embeddings
/// (<see cref="ServerlessClientOptions.CreateOpenAIClient"/>). Error answers throw <see cref="ServerlessApiException"/>.
/// </summary>
/// <remarks>
/// Made by <c>services.AddServerlessClient(...)</c>, or with a constructor here; both send calls through the
/// standard resilience handler of <c>Microsoft.Extensions.Http.Resilience</c>, whose retries are limited to what is safe
/// to repeat: reads and cancels on any transient failure; a job submit, which is not idempotent (a 5xx or a timeout may
/// come after the API created the job and reserved its tokens, so a blind retry could run and bill it twice), only on a
/// 429 (answered before anything is created) or a connection that was never made. A submit that fails otherwise may
/// have created a job: list the jobs before submitting again.
/// </remarks>
public sealed partial class ServerlessClient : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly Uri endpoint;
    private readonly AuthenticationHeaderValue authorization;
    private readonly TimeProvider time;
    private readonly PollingBackoff backoff;

    /// <summary>A client for <paramref name="endpoint"/> (the API's base ending in <c>/v1</c>) with <paramref name="apiKey"/> and default settings.</summary>
    public ServerlessClient(Uri endpoint, string apiKey)
        : this(new ServerlessClientOptions { Endpoint = endpoint, ApiKey = apiKey })
    {
    }

    /// <summary>A client with its own connection pool and the standard resilience handler; <paramref name="timeProvider"/> drives waits (the system clock when null).</summary>
    public ServerlessClient(ServerlessClientOptions options, TimeProvider? timeProvider = null)
        : this(options, timeProvider ?? TimeProvider.System, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
    }

    /// <summary>
    /// A client that sends its calls through <paramref name="httpClient"/> as it is configured (dependency injection
    /// passes one with the resilience handler); the client adds the endpoint and key to each call and never disposes it.
    /// </summary>
    public ServerlessClient(HttpClient httpClient, ServerlessClientOptions options, TimeProvider? timeProvider = null)
        : this(httpClient, ownsHttp: false, options, timeProvider ?? TimeProvider.System)
    {
    }

    /// <summary>A client of its own pipeline over <paramref name="inner"/> (tests give a scripted handler).</summary>
    internal ServerlessClient(ServerlessClientOptions options, TimeProvider timeProvider, HttpMessageHandler inner)
        : this(CreateHttpClient(options, timeProvider, inner), ownsHttp: true, options, timeProvider)
    {
    }

    private ServerlessClient(HttpClient httpClient, bool ownsHttp, ServerlessClientOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ServerlessClientOptionsValidator.ThrowIfInvalid(options);
        http = httpClient;
        this.ownsHttp = ownsHttp;
        var baseUrl = options.Endpoint!.AbsoluteUri;
        endpoint = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        time = timeProvider;
        backoff = new PollingBackoff(options.PollInitialDelay, options.PollMaxDelay);
    }

    /// <summary>
    /// Submits a text completion job (<c>POST /v1/async/completions</c>): <paramref name="request"/> is the body
    /// <c>/v1/completions</c> takes (<c>model</c>, <c>prompt</c>, <c>max_tokens</c>, ...). Not retried on a 5xx: see the remarks on <see cref="ServerlessClient"/>.
    /// </summary>
    public Task<AsyncJob> SubmitCompletionAsync(JsonObject request, AsyncJobOptions? options = null, CancellationToken cancellationToken = default) =>
        SubmitAsync("async/completions", request, options, cancellationToken);

    /// <summary>
    /// Submits a chat completion job (<c>POST /v1/async/chat/completions</c>): <paramref name="request"/> is the body
    /// <c>/v1/chat/completions</c> takes (<c>model</c>, <c>messages</c>, ...). Not retried on a 5xx: see the remarks on <see cref="ServerlessClient"/>.
    /// </summary>
    public Task<AsyncJob> SubmitChatCompletionAsync(JsonObject request, AsyncJobOptions? options = null, CancellationToken cancellationToken = default) =>
        SubmitAsync("async/chat/completions", request, options, cancellationToken);

    /// <summary>The job <paramref name="id"/> (<c>GET /v1/async/completions/{id}</c>), with its result and usage once it ended.</summary>
    public async Task<AsyncJob> GetJobAsync(string id, CancellationToken cancellationToken = default) =>
        (await GetJobWithRetryAfterAsync(id, cancellationToken).ConfigureAwait(false)).Job;

    /// <summary>A page of the caller's jobs, newest first (<c>GET /v1/async/completions?limit=&amp;after=</c>).</summary>
    public async Task<AsyncJobList> ListJobsAsync(int? limit = null, string? after = null, CancellationToken cancellationToken = default) =>
        await ListJobsAsync(limit, after, status: null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A page of the caller's jobs, newest first (<c>GET /v1/async/completions?limit=&amp;after=&amp;status=</c>); with
    /// <paramref name="status"/> (one of <see cref="AsyncJobStatus"/>), only jobs in that status, filtered by the API.
    /// </summary>
    public async Task<AsyncJobList> ListJobsAsync(int? limit, string? after, string? status, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (status is not null)
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }

        if (limit is { } count)
        {
            query.Add("limit=" + count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (after is not null)
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }

        var path = "async/completions" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return (await SendAsync(HttpMethod.Get, path, null, ClientJsonContext.Default.AsyncJobList, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>Cancels the job <paramref name="id"/> (<c>POST .../{id}/cancel</c>) and answers it as it now is; a job that already ended stays as it is.</summary>
    public async Task<AsyncJob> CancelJobAsync(string id, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, JobPath(id) + "/cancel", null, ClientJsonContext.Default.AsyncJob, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>The caller's usage and cost per UTC day and model (<c>GET /v1/usage</c>), from <paramref name="start"/> to <paramref name="end"/> inclusive (the last 30 days by default).</summary>
    public async Task<UsageReport> GetUsageAsync(DateOnly? start = null, DateOnly? end = null, UsageGrouping groupBy = UsageGrouping.Model, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { "group_by=" + GroupingName(groupBy) };
        if (start is { } from)
        {
            query.Add("start=" + Day(from));
        }

        if (end is { } to)
        {
            query.Add("end=" + Day(to));
        }

        return (await SendAsync(HttpMethod.Get, "usage?" + string.Join('&', query), null, ClientJsonContext.Default.UsageReport, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>The caller's usage per day of this UTC month, or of the one day <paramref name="date"/> (<c>GET /v1/usage/daily</c>).</summary>
    public async Task<UsageReport> GetDailyUsageAsync(DateOnly? date = null, UsageGrouping groupBy = UsageGrouping.Model, CancellationToken cancellationToken = default)
    {
        var path = "usage/daily?group_by=" + GroupingName(groupBy) + (date is { } day ? "&date=" + Day(day) : string.Empty);
        return (await SendAsync(HttpMethod.Get, path, null, ClientJsonContext.Default.UsageReport, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>The caller's limits and what is left of each now (<c>GET /v1/quota</c>), async jobs included.</summary>
    public async Task<QuotaReport> GetQuotaAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "quota", null, ClientJsonContext.Default.QuotaReport, cancellationToken).ConfigureAwait(false)).Value;

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    private static HttpClient CreateHttpClient(ServerlessClientOptions options, TimeProvider time, HttpMessageHandler inner)
    {
        ServerlessClientOptionsValidator.ThrowIfInvalid(options);
        return new HttpClient(ServerlessResilience.CreateHandler(options, time, inner)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static string JobPath(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return "async/completions/" + Uri.EscapeDataString(id);
    }

    private static string GroupingName(UsageGrouping grouping) => grouping == UsageGrouping.Day ? "day" : "model";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<AsyncJob> SubmitAsync(string path, JsonObject request, AsyncJobOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = (JsonObject)request.DeepClone();
        if (options?.Webhook is { } webhook)
        {
            body["webhook"] = webhook.AbsoluteUri;
        }

        if (options?.Timeout is { } timeout)
        {
            body["timeout_seconds"] = timeout.TotalSeconds;
        }

        return (await SendAsync(HttpMethod.Post, path, body.ToJsonString(), ClientJsonContext.Default.AsyncJob, cancellationToken).ConfigureAwait(false)).Value;
    }

    private async Task<(AsyncJob Job, TimeSpan? RetryAfter)> GetJobWithRetryAfterAsync(string id, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, JobPath(id), null, ClientJsonContext.Default.AsyncJob, cancellationToken).ConfigureAwait(false);

    private async Task<(T Value, TimeSpan? RetryAfter)> SendAsync<T>(HttpMethod method, string path, string? json, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
        request.Headers.Authorization = authorization;
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiErrors.FromResponseAsync(response, time, cancellationToken).ConfigureAwait(false);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var value = await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"The API answered {method} {path} with an empty body.");
            return (value, ApiErrors.RetryAfterOf(response.Headers.RetryAfter, time));
        }
    }
}
