using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Routing;

/// <summary>A worker killed while requests stream in: none fails, because another deployment could serve it.</summary>
[Collection(RoutingStackCollection.Name)]
public sealed class WorkerKilledUnderLoadTests(RoutingStackFixture stack)
{
    private bool thirdKilled;

    [Fact]
    public async Task AWorkerKilledUnderLoad_FailsNoRequestThatHadAHealthyAlternative()
    {
        var third = await ServiceProcess.StartWorkerAsync(stack.Secrets.WorkerKey);
        try
        {
            await LoadAndKillAsync(third);
        }
        finally
        {
            if (!thirdKilled)
            {
                await third.DisposeAsync();
            }
        }
    }

    private async Task LoadAndKillAsync(ServiceProcess third)
    {
        await stack.PutModelAsync("killed-under-load", $$"""
            {"capabilities":["chat"],"context_length":1024,"deployments":[
              {"id":"third-worker","kind":"worker","base_url":"{{new Uri(third.BaseUrl, "v1")}}","model":"gpt2-tiny"},
              {"id":"second-worker","kind":"worker","base_url":"{{stack.SecondWorkerV1}}","model":"gpt2-tiny"}]}
            """);
        using var http = stack.CreateHttpClient(stack.Secrets.AdminKey);

        // The load starts once the third worker has answered a call: a worker still loading its models fails its
        // first calls, and enough failures open its circuit for the whole run, so it would never take a share.
        var warm = Stopwatch.StartNew();
        while (true)
        {
            using var response = await RoutingStackFixture.ChatAsync(http, "killed-under-load");
            if (response.Headers.TryGetValues("x-served-by", out var by) && by.Single() == "third-worker")
            {
                break;
            }

            Assert.True(warm.Elapsed < TimeSpan.FromSeconds(60), "the third worker never served a call");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        var answers = new ConcurrentBag<(HttpStatusCode Status, string ServedBy, bool AfterKill)>();
        var killed = false;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));

        async Task ClientAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var afterKill = Volatile.Read(ref killed);
                using var response = await RoutingStackFixture.ChatAsync(http, "killed-under-load");
                await response.Content.ReadAsStringAsync();
                answers.Add((response.StatusCode, response.Headers.TryGetValues("x-served-by", out var by) ? by.Single() : "", afterKill));
            }
        }

        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(ClientAsync)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await third.DisposeAsync();
        thirdKilled = true;
        Volatile.Write(ref killed, true);
        await Task.WhenAll(clients);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Contains(answers, a => !a.AfterKill && a.ServedBy == "third-worker"); // it took its share while alive
        Assert.All(answers.Where(a => a.AfterKill), a => Assert.Equal("second-worker", a.ServedBy));
    }
}
