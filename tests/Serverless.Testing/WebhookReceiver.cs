using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Serverless.Testing;

/// <summary>
/// A webhook receiver on loopback, as a user's system runs one: records every call (headers, body, arrival) and
/// answers with the status codes it is told to, then 200.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<WebhookCall> calls = new();
    private readonly ConcurrentDictionary<string, long> firstArrivals = new();
    private readonly ConcurrentQueue<int> answers;

    /// <summary>Starts listening on a free loopback port; the first calls get <paramref name="answers"/>, later ones 200.</summary>
    public WebhookReceiver(params int[] answers)
    {
        this.answers = new ConcurrentQueue<int>(answers);
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/hooks/jobs";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = Task.Run(ListenAsync);
    }

    /// <summary>The URL to give as a job's <c>webhook</c>.</summary>
    public string Url { get; }

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<WebhookCall> Calls => [.. calls];

    /// <summary>The <see cref="Stopwatch"/> timestamp of the first call about job <paramref name="jobId"/>, if one came.</summary>
    public long? FirstArrival(string jobId) => firstArrivals.TryGetValue(jobId, out var at) ? at : null;

    /// <summary>Waits until at least <paramref name="count"/> calls about <paramref name="jobId"/> arrived.</summary>
    public async Task<IReadOnlyList<WebhookCall>> WaitForCallsAsync(string jobId, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var mine = Calls.Where(c => c.JobId == jobId).ToList();
            if (mine.Count >= count || deadline.Elapsed > timeout)
            {
                return mine;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Whether <paramref name="call"/> carries a valid Standard Webhooks signature under <paramref name="secret"/> (<c>whsec_</c> and Base64).</summary>
    public static bool IsSignedWith(WebhookCall call, string secret)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{call.Id}.{call.Timestamp}.{call.Body}")));
        return call.Signature.Split(' ').Any(s => s == "v1," + expected);
    }

    /// <inheritdoc />
    public void Dispose() => listener.Close();

    private async Task ListenAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var arrived = Stopwatch.GetTimestamp();
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            string? jobId = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                jobId = document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
            }
            catch (JsonException)
            {
                // recorded as it came
            }

            var status = answers.TryDequeue(out var scripted) ? scripted : 200;
            var headers = context.Request.Headers;
            calls.Enqueue(new WebhookCall(
                jobId, headers["webhook-id"] ?? string.Empty, headers["webhook-timestamp"] ?? string.Empty, headers["webhook-signature"] ?? string.Empty,
                body, status, arrived));
            if (jobId is not null)
            {
                firstArrivals.TryAdd(jobId, arrived);
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }
}

/// <summary>One call a <see cref="WebhookReceiver"/> got.</summary>
/// <param name="JobId">The <c>id</c> in the body (the job's), if it had one.</param>
/// <param name="Id">The <c>webhook-id</c> header.</param>
/// <param name="Timestamp">The <c>webhook-timestamp</c> header.</param>
/// <param name="Signature">The <c>webhook-signature</c> header.</param>
/// <param name="Body">The body as sent.</param>
/// <param name="AnsweredWith">The status code the receiver answered.</param>
/// <param name="ArrivedAt">When it arrived (a <see cref="Stopwatch"/> timestamp).</param>
public sealed record WebhookCall(string? JobId, string Id, string Timestamp, string Signature, string Body, int AnsweredWith, long ArrivedAt);
