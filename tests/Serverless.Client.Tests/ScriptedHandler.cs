using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Serverless.Client.Tests;

/// <summary>An HTTP handler that answers from a script, in order (the last answer repeats), and records every request.</summary>
internal sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private readonly ConcurrentQueue<HttpRequestMessage> requests = new();
    private readonly ConcurrentQueue<string> bodies = new();
    private int next;

    public IReadOnlyList<HttpRequestMessage> Requests => [.. requests];

    /// <summary>The body of each request (empty without one), read as it was sent.</summary>
    public IReadOnlyList<string> Bodies => [.. bodies];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (retryAfter is { } delta)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
        }

        return response;
    }

    public static string Job(string status, string id = "job_1") =>
        $$"""{"id":"{{id}}","object":"async.job","status":"{{status}}","created":1,"model":"gpt2-tiny","status_url":"http://api/v1/async/completions/{{id}}","endpoint":"/v1/completions","expires_at":2}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        requests.Enqueue(request);
        bodies.Enqueue(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
        var index = Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1);
        return answers[index]();
    }
}
