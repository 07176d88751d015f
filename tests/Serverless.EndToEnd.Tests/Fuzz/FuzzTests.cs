using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.Testing;
using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests.Fuzz;

/// <summary>
/// Hostile input on every route, through an API host of its own (its own Azurite, the stack's worker): no answer is
/// a 5xx, every error is OpenAI-shaped, and the host and the worker still serve afterwards. <c>FUZZ_REQUESTS</c>
/// and <c>FUZZ_SEED</c> choose how many and which requests (<c>scripts/fuzz.sh</c> runs more); the counts by status
/// go to the test output and to <c>.artifacts/fuzz-summary.txt</c>.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class FuzzTests(LocalStackFixture stack, ITestOutputHelper output)
{
    private const int DefaultRequests = 10_000;
    private const int DefaultSeed = 20261205;
    private const int Parallelism = 8;

    [Fact]
    public async Task HostileRequests_OnEveryRoute_GetNo5xx_OnlyOpenAIShapedErrors_AndLeaveTheHostsServing()
    {
        var total = Setting("FUZZ_REQUESTS", DefaultRequests);
        var seed = Setting("FUZZ_SEED", DefaultSeed);
        await using var azurite = await Azurite.StartAsync();
        var secrets = ApiSecrets.New() with { WorkerKey = stack.Secrets.WorkerKey }; // the stack's worker answers only its key
        await using var api = await ServiceProcess.StartApiAsync(stack.Worker.BaseUrl, secrets.Environment(azurite.ConnectionString));
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        var limits = """{"rpm":1000000,"tpm":1000000000,"rpd":100000000,"tpd":1000000000,"max_concurrency":64,"max_jobs":1000}""";
        var keys = new Dictionary<string, string>
        {
            ["admin"] = secrets.AdminKey,
            ["user"] = (await admin.CreateKeyAsync($$"""{"name":"fuzz-user","owner":"fuzz","limits":{{limits}}}""")).Secret,
            ["reader"] = (await admin.CreateKeyAsync("""{"name":"fuzz-reader","owner":"fuzz","role":"reader"}""")).Secret,
        };

        // UTF-8 in headers, as a hostile client may send them (HttpClient refuses non-ASCII otherwise).
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var http = new HttpClient(handler) { BaseAddress = api.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, Parallelism, async (lane, _) =>
        {
            var generator = new FuzzRequestGenerator(seed + lane, keys);
            for (var i = lane; i < total; i += Parallelism)
            {
                var request = generator.Next();
                var (status, problem) = await SendAsync(http, request);
                statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
                if (problem is not null && (failures.Count < 40 || status >= 500))
                {
                    failures.Enqueue($"{request.Description}: {problem}");
                }
            }
        });
        clock.Stop();

        var summary = Summary(total, seed, clock.Elapsed, statuses);
        output.WriteLine(summary);
        await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.Root, ".artifacts", "fuzz-summary.txt"), summary);

        Assert.True(failures.IsEmpty, $"seed {seed}:\n" + string.Join('\n', failures.OrderBy(f => f.Contains(": 5", StringComparison.Ordinal) ? 0 : 1)) + "\n" + Tail(api.Output, 6000));
        // As admin: the fuzz may have deleted a model's price or narrowed the tiers, which a user key would feel.
        await AssertStillServingAsync(api, keys["admin"]);
    }

    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient http, FuzzRequest request)
    {
        using var message = request.ToMessage();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e)
        {
            // Kestrel refuses some requests before the app sees them (a header it cannot parse): a closed connection, not a crash.
            return (0, e.InnerException is IOException ? null : $"transport failure: {e.Message}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = request.Method == "HEAD" ? string.Empty : await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                return (status, $"{status}: {Cut(body)}");
            }

            if (status is 400 or 414 or 431 && body.Length == 0 && response.Content.Headers.ContentType is null)
            {
                // Kestrel refused what it could not parse or would not take (a header, a request line over its limit)
                // before the app saw it.
                return (0, null);
            }

            if (status >= 400 && request.Method != "HEAD")
            {
                return (status, OpenAIErrorProblem(response, body));
            }

            return (status, null);
        }
    }

    /// <summary>Null when <paramref name="body"/> is an OpenAI error object; else what is wrong with it.</summary>
    private static string? OpenAIErrorProblem(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return $"{(int)response.StatusCode} with content type '{response.Content.Headers.ContentType}': {Cut(body)}";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.GetProperty("error");
            var shaped = error.GetProperty("message").ValueKind == JsonValueKind.String
                && error.GetProperty("type").ValueKind == JsonValueKind.String
                && error.TryGetProperty("param", out _)
                && error.TryGetProperty("code", out _)
                && !body.Contains("   at ", StringComparison.Ordinal);
            return shaped ? null : $"{(int)response.StatusCode} not OpenAI-shaped: {Cut(body)}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"{(int)response.StatusCode} not an error object: {Cut(body)}";
        }
    }

    private async Task AssertStillServingAsync(ServiceProcess api, string key)
    {
        Assert.False(api.HasExited, "the API host exited:\n" + api.Output);
        Assert.False(stack.Worker.HasExited, "the worker exited");
        using var http = new HttpClient { BaseAddress = api.BaseUrl };
        using var health = await http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var chat = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"still there?"}],"max_tokens":2}""", Encoding.UTF8, "application/json"),
        };
        chat.Headers.Authorization = new("Bearer", key);
        using var answer = await http.SendAsync(chat);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private static string Summary(int total, int seed, TimeSpan elapsed, ConcurrentDictionary<int, int> statuses) =>
        string.Create(CultureInfo.InvariantCulture, $"fuzz: {total} requests, seed {seed}, {elapsed.TotalSeconds:F1} s ({total / elapsed.TotalSeconds:F0}/s); by status: ")
        + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "refused by Kestrel" : s.Key.ToString(CultureInfo.InvariantCulture))}: {s.Value}"));

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "..." : text;

    private static string Tail(string text, int length) => text.Length > length ? "..." + text[^length..] : text;
}
