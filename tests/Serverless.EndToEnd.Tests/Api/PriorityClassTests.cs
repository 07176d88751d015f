using System.Diagnostics;
using System.Net;
using System.Text;
using Serverless.Testing;
using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// Priority classes through real processes: a stack of this test's own whose worker decodes one sequence at a time
/// (<c>Inference:MaxBatchSize=1</c>), saturated with long low-class streams; a high-class request sent together with a
/// low-class one then starts before the low backlog that waited before it. Only order is asserted (a slow machine
/// changes how long things take, not who goes first); the waits are printed.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class PriorityClassTests(ITestOutputHelper output)
{
    private const int Backlog = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task WhenTheWorkerIsSaturatedWithLowClassWork_AHighClassRequestStartsBeforeTheLowBacklogThatWaitedBeforeIt()
    {
        var secrets = ApiSecrets.New();
        await using var azurite = await Azurite.StartAsync();
        await using var worker = await ServiceProcess.StartWorkerAsync(secrets.WorkerKey, null, "--Inference:MaxBatchSize", "1");
        await using var api = await ServiceProcess.StartApiAsync(worker.BaseUrl, secrets.Environment(azurite.ConnectionString));
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        var (_, lowKey) = await admin.CreateKeyAsync("""{"name":"priority-low","owner":"priority-low","limits":{"priority":"low"}}""");
        var (_, highKey) = await admin.CreateKeyAsync("""{"name":"priority-high","owner":"priority-high","limits":{"priority":"high"}}""");
        using var low = Client(api, lowKey);
        using var high = Client(api, highKey);
        var clock = Stopwatch.StartNew();

        // One long low stream holds the only batch slot; the backlog lines up behind it on the worker.
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = StreamAsync(low, clock, "low-running", maxTokens: 900, holding);
        await holding.Task.WaitAsync(Patience);
        var backlog = Enumerable.Range(1, Backlog).Select(i => StreamAsync(low, clock, $"low-backlog-{i}", maxTokens: 400)).ToArray();
        await WaitForQueueDepthAsync(worker, secrets.WorkerKey, Backlog);

        var sentAt = clock.Elapsed;
        var highCall = StreamAsync(high, clock, "high", maxTokens: 8);
        var lowCall = StreamAsync(low, clock, "low-probe", maxTokens: 8);
        var all = await Task.WhenAll([running, .. backlog, highCall, lowCall]).WaitAsync(Patience);

        foreach (var call in all.OrderBy(c => c.FirstToken))
        {
            output.WriteLine($"{call.Name,-15} first token at {call.FirstToken.TotalMilliseconds,8:F0} ms, done at {call.Done.TotalMilliseconds,8:F0} ms ({call.Status})");
        }

        var (highCalled, lowCalled) = (await highCall, await lowCall);
        output.WriteLine($"sent together at {sentAt.TotalMilliseconds:F0} ms: the high-class request waited {(highCalled.FirstToken - sentAt).TotalMilliseconds:F0} ms for its first token, the low-class one {(lowCalled.FirstToken - sentAt).TotalMilliseconds:F0} ms");
        Assert.All(all, c => Assert.Equal(HttpStatusCode.OK, c.Status));
        Assert.True(highCalled.FirstToken < lowCalled.FirstToken, "the high-class request started after the low-class one sent with it");

        // Strict priority: the high call joins as soon as the running stream ends. One backlog call may have joined
        // between the depth probe and the high call's arrival; under first come, first served all of them would.
        var backlogFirst = (await Task.WhenAll(backlog)).Count(c => c.FirstToken < highCalled.FirstToken);
        Assert.True(backlogFirst <= 1, $"{backlogFirst} of the {Backlog} waiting low-class calls started before the high-class one");
    }

    private static HttpClient Client(ServiceProcess api, string key) =>
        new() { BaseAddress = api.BaseUrl, Timeout = Patience, DefaultRequestHeaders = { Authorization = new("Bearer", key) } };

    /// <summary>Streams a completion and notes when its first token and its end arrived.</summary>
    private static async Task<Call> StreamAsync(HttpClient http, Stopwatch clock, string name, int maxTokens, TaskCompletionSource? started = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions")
        {
            Content = new StringContent(
                $$"""{"model":"gpt2-tiny","prompt":"{{name}} tells a long story:","max_tokens":{{maxTokens}},"temperature":1,"seed":5,"stream":true}""",
                Encoding.UTF8,
                "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? first = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (first is null && line.StartsWith("data: {", StringComparison.Ordinal))
            {
                first = clock.Elapsed;
                started?.TrySetResult();
            }
        }

        started?.TrySetException(new InvalidOperationException($"{name} ended ({(int)response.StatusCode}) without a token"));
        var done = clock.Elapsed;
        return new Call(name, response.StatusCode, first ?? done, done);
    }

    /// <summary>Waits until <paramref name="depth"/> requests wait for the worker's batch (its <c>worker_queue_depth</c>).</summary>
    private static async Task WaitForQueueDepthAsync(ServiceProcess worker, string workerKey, int depth)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var scrape = await PrometheusScrape.GetAsync(worker.BaseUrl, bearer: workerKey);
            if (scrape.Sum("worker_queue_depth") >= depth)
            {
                return;
            }

            Assert.True(waited.Elapsed < Patience, $"the worker never had {depth} requests waiting:\n{scrape.Text}");
            await Task.Delay(20);
        }
    }

    private sealed record Call(string Name, HttpStatusCode Status, TimeSpan FirstToken, TimeSpan Done);
}
