using System.Diagnostics;
using System.Globalization;
using System.Text;
using Serverless.Testing;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// What routing and the response cache cost per request, what a cache hit takes through the whole API, and how a
/// catalog model fails over when one of its deployments dies: Azurite, the API host, and two instant upstreams in
/// this process (the API's own worker and a catalog model's two <c>worker</c> deployments), so the gateway's own
/// time is what is measured.
/// </summary>
internal static class RoutingBenchmark
{
    private const string Model = InstantAnswers.ModelId;
    private const string Routed = "routed";
    private const string Limits = """{"rpm":100000000,"tpm":100000000000,"rpd":100000000000,"tpd":100000000000,"max_concurrency":100000}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        await using var storage = await Azurite.StartAsync();
        await using var first = await InstantUpstream.StartAsync();
        await using var second = await InstantUpstream.StartAsync();
        var secrets = ApiSecrets.New();
        await using var api = await ServiceProcess.StartApiAsync(first.BaseUrl, secrets.Environment(storage.ConnectionString));
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        await SetUpAsync(admin, first.BaseUrl, second.BaseUrl);
        var (_, plainKey) = await admin.CreateKeyAsync($$"""{"name":"plain","owner":"bench-plain","role":"user","limits":{{Limits}}}""");
        var (_, cachingKey) = await admin.CreateKeyAsync($$$"""{"name":"caching","owner":"bench-cache","role":"user","limits":{{{Limits[..^1]}}},"response_cache":true}}""");
        using var plain = Client(api.BaseUrl, plainKey);
        using var caching = Client(api.BaseUrl, cachingKey);

        static string Chat(string model, string prompt, double temperature) =>
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{prompt}}"}],"max_tokens":1,"temperature":{{temperature.ToString(CultureInfo.InvariantCulture)}}}""";
        var sampled = Chat(Model, "Hi", 0.8);
        var viaCatalog = Chat(Routed, "Hi", 0.8);
        var repeated = Chat(Model, "Hi", 0);
        var unique = 0;
        string Fresh(int _) => Chat(Model, $"prompt {Interlocked.Increment(ref unique)}", 0);

        // Warm every path (JIT, pools, the catalog, the cache) before measuring.
        foreach (var (client, body) in new[] { (plain, sampled), (plain, viaCatalog), (caching, repeated) })
        {
            await LoadGenerator.RunAsync(client, "v1/chat/completions", body, 8, 100);
        }

        await LoadGenerator.RunAsync(caching, "v1/chat/completions", Fresh, 8, 100);

        Console.WriteLine($"routing and cache benchmark: chat, max_tokens 1, instant upstreams, {requests} requests per run ({Environment.ProcessorCount} cores)");
        Console.WriteLine("clients | path                              | client p50/p99 ms | gateway own p50/p99 ms | added to own p50 ms | req/s    | errors");
        foreach (var clients in new[] { 1, 16 })
        {
            var perClient = Math.Max(1, requests / clients);
            var baseline = await LoadGenerator.RunAsync(plain, "v1/chat/completions", sampled, clients, perClient);
            Print(clients, "worker model (baseline)", baseline, baseline);
            Print(clients, "catalog model, 2 deployments", await LoadGenerator.RunAsync(plain, "v1/chat/completions", viaCatalog, clients, perClient), baseline);
            Print(clients, "cache on, every request a miss", await LoadGenerator.RunAsync(caching, "v1/chat/completions", Fresh, clients, perClient), baseline);
            Print(clients, "cache on, every request a hit", await LoadGenerator.RunAsync(caching, "v1/chat/completions", repeated, clients, perClient), baseline);
        }

        Console.WriteLine("added = the path's gateway-own p50 less the baseline's, in the same run (Server-Timing 'gateway': the API's time less the upstream's).");
        Console.WriteLine("a hit never reaches an upstream: its client p50 is the whole API's time for a cached answer.");
        await MeasureFailoverAsync(plain, viaCatalog, second);
        return 0;
    }

    /// <summary>
    /// Steady load on the catalog model, then one of its two deployments stops listening: how many requests failed,
    /// and what the requests around its death took.
    /// </summary>
    private static async Task MeasureFailoverAsync(HttpClient client, string body, InstantUpstream dying)
    {
        const int Clients = 8;
        var samples = new System.Collections.Concurrent.ConcurrentBag<(double At, double Ms, bool Ok)>();
        var clock = Stopwatch.StartNew();
        var killAt = TimeSpan.FromSeconds(3);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(9));
        var load = Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = clock.Elapsed.TotalMilliseconds;
                using var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
                await response.Content.LoadIntoBufferAsync();
                samples.Add((started, clock.Elapsed.TotalMilliseconds - started, response.IsSuccessStatusCode));
            }
        }));
        await Task.Delay(killAt);
        var died = clock.Elapsed.TotalMilliseconds;
        await dying.DisposeAsync();
        await load;

        double P(IEnumerable<(double At, double Ms, bool Ok)> window, double p)
        {
            var sorted = window.Select(s => s.Ms).Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
        }

        var before = samples.Where(s => s.At < died).ToArray();
        var firstSecond = samples.Where(s => s.At >= died && s.At < died + 1000).ToArray();
        var after = samples.Where(s => s.At >= died + 1000).ToArray();
        Console.WriteLine($"failover: {Clients} clients flat out on '{Routed}' (deployments a and b, one priority group); b stops listening {killAt.TotalSeconds:F0} s in");
        Console.WriteLine("window              | requests | failed | p50 ms | p99 ms | max ms");
        foreach (var (name, window) in new[] { ("before b died", before), ("first second after", firstSecond), ("after that", after) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-19} | {window.Length,8} | {window.Count(s => !s.Ok),6} | {P(window, 50),6:F2} | {P(window, 99),6:F2} | {(window.Length == 0 ? double.NaN : window.Max(s => s.Ms)),6:F2}"));
        }

        Console.WriteLine("a request whose deployment refuses the connection is passed to the other before its first byte; b's circuit opens after 5 failed calls (ratio 0.5), then it is not tried for 15 s.");
    }

    private static async Task SetUpAsync(AdminClient admin, Uri first, Uri second)
    {
        using var model = await admin.SendAsync(HttpMethod.Put, $"v1/admin/models/{Routed}", $$"""
            {"capabilities":["chat","completion"],"context_length":1024,"deployments":[
              {"id":"a","kind":"worker","base_url":"{{first}}v1","model":"{{Model}}"},
              {"id":"b","kind":"worker","base_url":"{{second}}v1","model":"{{Model}}"}]}
            """);
        using var price = await admin.SendAsync(HttpMethod.Put, $"v1/admin/prices/{Routed}", """{"input_per_1k":0.001,"output_per_1k":0.002}""");
        using var cachedPrice = await admin.SendAsync(HttpMethod.Put, $"v1/admin/prices/{Model}", """{"input_per_1k":0.0005,"output_per_1k":0.0015,"cached_per_1k":0.0001}""");
        foreach (var response in new[] { model, price, cachedPrice })
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Setting up the benchmark failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    private static HttpClient Client(Uri api, string key) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = api,
            DefaultRequestHeaders = { Authorization = new("Bearer", key) },
        };

    private static void Print(int clients, string path, LoadResult result, LoadResult baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clients,7} | {path,-33} | {result.Percentile(50),7:F3} / {result.Percentile(99),7:F3} | {result.GatewayPercentile(50),10:F3} / {result.GatewayPercentile(99),8:F3} | " +
            $"{result.GatewayPercentile(50) - baseline.GatewayPercentile(50),19:F3} | {result.RequestsPerSecond,8:F0} | {result.Failures}"));
}
