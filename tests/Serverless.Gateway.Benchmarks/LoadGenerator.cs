using System.Diagnostics;
using System.Text;

namespace Serverless.Gateway.Benchmarks;

/// <summary>Sends the same POST (or one body per request) from a number of concurrent clients and records each request's latency.</summary>
internal static class LoadGenerator
{
    public static Task<LoadResult> RunAsync(HttpClient http, string path, string body, int clients, int requestsPerClient) =>
        RunAsync(http, path, _ => body, clients, requestsPerClient);

    /// <summary>As above, request number <c>i</c> (0 to clients × requestsPerClient − 1) sending <paramref name="bodyOf"/>(i).</summary>
    public static async Task<LoadResult> RunAsync(HttpClient http, string path, Func<int, string> bodyOf, int clients, int requestsPerClient)
    {
        var latencies = new double[clients * requestsPerClient];
        var gateway = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failures = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(path, new StringContent(bodyOf((client * requestsPerClient) + i), Encoding.UTF8, "application/json"));
                await response.Content.LoadIntoBufferAsync();
                latencies[(client * requestsPerClient) + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (ServerTiming.Gateway(response) is { } ms)
                {
                    gateway.Add(ms);
                }

                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        total.Stop();
        Array.Sort(latencies);
        var gatewayMs = gateway.ToArray();
        Array.Sort(gatewayMs);
        return new LoadResult(latencies, gatewayMs, total.Elapsed.TotalSeconds, failures);
    }
}
