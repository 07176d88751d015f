using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// Exactness across instances: two API host processes share the counters in Table storage; together they admit
/// exactly a key's limit, and the usage API then reports exactly what was admitted.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class MeteringAcrossHostsTests(LocalStackFixture stack)
{
    [Fact]
    public async Task TwoHosts_400ConcurrentRequests_AdmitExactly50_AndUsageReportsExactly50()
    {
        await using var second = await ServiceProcess.StartApiAsync(stack.Worker.BaseUrl, stack.Secrets.Environment(stack.Storage.ConnectionString));
        await MinuteBoundary.AvoidAsync(secondsNeeded: 40);
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"exact-50","owner":"metering-exact","limits":{"rpm":50,"max_concurrency":1000}}""");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 200 };
        using var one = new HttpClient(handler, false) { BaseAddress = stack.Api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secret) } };
        using var two = new HttpClient(handler, false) { BaseAddress = second.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secret) } };
        const string body = """{"model":"all-minilm-l6-v2","input":"count me"}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 400).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? one : two).PostAsync("v1/embeddings", new StringContent(body, Encoding.UTF8, "application/json"));
            return (response.StatusCode, RetryAfter: response.Headers.Contains("Retry-After"), Remaining: response.Headers.Contains("x-ratelimit-remaining-requests"));
        }));

        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(350, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.True(r.RetryAfter));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.OK), r => Assert.True(r.Remaining));

        var total = await stack.UsageTotalAsync("metering-exact", requests: 50);
        Assert.Equal(50, total.GetProperty("requests").GetInt64());
        Assert.Equal(50 * 4, total.GetProperty("prompt_tokens").GetInt64()); // "count me" is [CLS] count me [SEP]
    }

    [Fact]
    public async Task AStreamCutAfterThreeChunks_IsBilledForTheChunksSent_NotForMaxTokens()
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"cut-stream","owner":"metering-cut"}""");

        // No draining on dispose: the client really drops the connection, as a closed browser tab does.
        using var handler = new SocketsHttpHandler { MaxResponseDrainSize = 0 };
        using var http = new HttpClient(handler) { BaseAddress = stack.Api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secret) } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"Go on and on."}],"max_tokens":500,"stream":true,"temperature":1,"seed":5}""", Encoding.UTF8, "application/json"),
        };

        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var contentChunks = 0;
            while (contentChunks < 3 && await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: {", StringComparison.Ordinal) && !line.Contains("\"role\"", StringComparison.Ordinal))
                {
                    contentChunks++;
                }
            }
        }

        // The worker stops within a second of the client leaving.
        using var worker = stack.CreateHttpClient(direct: true);
        var stopped = false;
        for (var i = 0; i < 20 && !stopped; i++)
        {
            await Task.Delay(50);
            using var ready = JsonDocument.Parse(await worker.GetStringAsync("readyz"));
            stopped = ready.RootElement.GetProperty("active_sequences").GetInt32() == 0;
        }

        Assert.True(stopped, "the worker was still generating a second after the client left");
        var total = await stack.UsageTotalAsync("metering-cut", requests: 1);
        // Billed for what was handed to the client's connection: at least the 3 chunks it read, and far from max_tokens
        // (500). The gap between the two is how long the host takes to notice the closed connection while the worker
        // makes ~500 tokens/s: a few tokens alone, up to ~100 seen when the whole suite loads both cores (a CI run).
        Assert.InRange(total.GetProperty("completion_tokens").GetInt64(), 3, 250);
    }
}
