using System.Globalization;
using Serverless.Testing;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// Starts the worker and the API host as real processes, then puts the same chat load on the worker directly and
/// through the API at 1, 16 and 64 concurrent clients, and prints the latency the gateway adds and its throughput.
/// </summary>
internal static class GatewayBenchmark
{
    private const string ChatBody = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":1,"temperature":0}""";

    private const string StreamBody = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Tell me a story"}],"max_tokens":48,"temperature":0.8,"top_k":40,"seed":3,"stream":true}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
        await using var storage = await Azurite.StartAsync();
        var secrets = ApiSecrets.New();
        await using var worker = await ServiceProcess.StartWorkerAsync(secrets.WorkerKey);
        await using var api = await ServiceProcess.StartApiAsync(worker.BaseUrl, secrets.Environment(storage.ConnectionString));
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        var (_, key) = await admin.CreateKeyAsync("""{"name":"benchmark","owner":"bench","role":"user","limits":{"rpm":1000000,"tpm":1000000000,"rpd":100000000,"tpd":10000000000,"max_concurrency":10000}}""");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var toWorker = new HttpClient(handler, disposeHandler: false) { BaseAddress = worker.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secrets.WorkerKey) } };
        using var toApi = new HttpClient(handler, disposeHandler: false) { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", key) } };

        // Warm both paths (JIT, connection pools, the model) before measuring.
        await LoadGenerator.RunAsync(toWorker, "v1/chat/completions", ChatBody, 8, 10);
        await LoadGenerator.RunAsync(toApi, "v1/chat/completions", ChatBody, 8, 10);

        Console.WriteLine($"gateway benchmark: chat, max_tokens 1, {requests} requests per run, CPU worker ({Environment.ProcessorCount} cores), API key auth, metering, metrics and tracing on");
        Console.WriteLine("clients | direct p50/p99 ms | via API p50/p99 ms | added p50/p99 ms | gateway own p50/p99 ms | direct req/s | via API req/s | storage calls/req | errors");
        foreach (var clients in new[] { 1, 16, 64 })
        {
            var perClient = Math.Max(1, requests / clients);
            var direct = await LoadGenerator.RunAsync(toWorker, "v1/chat/completions", ChatBody, clients, perClient);
            var before = await PrometheusScrape.GetAsync(api.BaseUrl, bearer: secrets.MetricsToken);
            var viaApi = await LoadGenerator.RunAsync(toApi, "v1/chat/completions", ChatBody, clients, perClient);
            var after = await PrometheusScrape.GetAsync(api.BaseUrl, bearer: secrets.MetricsToken);
            var storageCalls = (after.Sum("api_storage_calls_total") - before.Sum("api_storage_calls_total")) / viaApi.LatenciesMs.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clients,7} | {direct.Percentile(50),7:F2} / {direct.Percentile(99),7:F2} | {viaApi.Percentile(50),7:F2} / {viaApi.Percentile(99),7:F2} | " +
                $"{viaApi.Percentile(50) - direct.Percentile(50),6:F2} / {viaApi.Percentile(99) - direct.Percentile(99),6:F2} | " +
                $"{viaApi.GatewayPercentile(50),10:F3} / {viaApi.GatewayPercentile(99),8:F3} | " +
                $"{direct.RequestsPerSecond,12:F1} | {viaApi.RequestsPerSecond,13:F1} | {storageCalls,17:F2} | {direct.Failures + viaApi.Failures}"));
        }

        await PrintStreamingAsync(toWorker, toApi);
        Console.WriteLine("added = via-API minus direct percentiles (on 2 cores the API competes with the worker for CPU);");
        Console.WriteLine("gateway own = the API's Server-Timing 'gateway' figure: its time per request less the wait for the worker.");
        Console.WriteLine("storage calls/req = the change in the API's api_storage_calls_total over the run (retries and background flushes included) / requests.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"API host peak memory (VmHWM): {api.PeakWorkingSetBytes() / (1024.0 * 1024.0):F1} MiB"));
        return 0;
    }

    /// <summary>Time to first token and the gap between tokens, streamed directly from the worker and through the API, alternating runs.</summary>
    private static async Task PrintStreamingAsync(HttpClient toWorker, HttpClient toApi)
    {
        const int Streams = 40;
        await StreamProbe.RunAsync(toApi, StreamBody, 3);
        var direct = await StreamProbe.RunAsync(toWorker, StreamBody, Streams);
        var viaApi = await StreamProbe.RunAsync(toApi, StreamBody, Streams);
        static double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
        Console.WriteLine($"streaming: {Streams} chat streams of 48 tokens, one at a time");
        Console.WriteLine("          | direct p50/p99 ms | via API p50/p99 ms | added p50/p99 ms");
        foreach (var (name, d, a) in new[] { ("TTFT", direct.FirstTokenMs, viaApi.FirstTokenMs), ("gap", direct.GapMs, viaApi.GapMs) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,9} | {P(d, 50),7:F2} / {P(d, 99),7:F2} | {P(a, 50),7:F2} / {P(a, 99),7:F2} | {P(a, 50) - P(d, 50),6:F2} / {P(a, 99) - P(d, 99),6:F2}"));
        }
    }
}
