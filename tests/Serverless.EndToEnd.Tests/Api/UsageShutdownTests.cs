using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Serverless.Testing;
using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// An API host stopped under load: by SIGTERM it bills every request it answered; killed outright it loses at most
/// the usage of its last flush interval. The usage API is compared with what the clients received.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class UsageShutdownTests(LocalStackFixture stack, ITestOutputHelper output)
{
    private const int Warm = 100;

    private const string ChatBody = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":1,"temperature":0}""";

    [Fact]
    public async Task SigtermUnderLoad_EveryAnsweredRequestIsBilled()
    {
        var (owner, answered, _, _) = await LoadThenStopAsync("TERM");

        var billed = (await stack.UsageTotalAsync(owner, answered.Count)).GetProperty("requests").GetInt64();
        output.WriteLine($"SIGTERM: {answered.Count} answered, {billed} billed");
        Assert.True(answered.Count > 20, $"only {answered.Count} answers before the stop");
        Assert.Equal(answered.Count, billed);
    }

    [Fact]
    public async Task KilledUnderLoad_LosesAtMostTheLastFlushInterval_AndBillsNothingTwice()
    {
        var (owner, answered, killedAt, restart) = await LoadThenStopAsync("KILL");
        await using var restarted = restart;

        var billed = (await stack.UsageTotalAsync(owner, answered.Count, patience: TimeSpan.FromSeconds(5))).GetProperty("requests").GetInt64();
        var lost = answered.Count - billed;
        var lastSecond = answered.Count(at => at > killedAt - TimeSpan.FromSeconds(1.5));
        output.WriteLine($"kill -9: {answered.Count} answered, {billed} billed, {lost} lost; {lastSecond} answered in the last 1.5 s");
        Assert.True(answered.Count > 20, $"only {answered.Count} answers before the kill");
        Assert.True(billed <= answered.Count, $"{billed} billed for {answered.Count} answers");
        Assert.True(lost <= lastSecond, $"{lost} lost, more than the {lastSecond} answered in the last flush interval");
    }

    /// <summary>
    /// Puts load on an API host of its own for a while, signals it, keeps the load on until it has exited, and (for a
    /// kill) starts it again on the same storage and spill folder. Returns when each answer arrived.
    /// </summary>
    private async Task<(string Owner, IReadOnlyList<TimeSpan> Answered, TimeSpan StoppedAt, ServiceProcess? Restarted)> LoadThenStopAsync(string signal)
    {
        var owner = $"shutdown-{signal.ToLowerInvariant()}-" + Guid.NewGuid().ToString("N")[..8];
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"shutdown","owner":"{{owner}}","limits":{"rpm":1000000,"tpm":1000000000,"max_concurrency":1000} }""");
        var environment = stack.Secrets.Environment(stack.Storage.ConnectionString);
        var api = await ServiceProcess.StartApiAsync(stack.Worker.BaseUrl, environment);
        var answered = new ConcurrentQueue<TimeSpan>();
        var refused = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = api.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        using var done = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (!done.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));
                    await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        answered.Enqueue(clock.Elapsed);
                    }
                    else
                    {
                        refused.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(20); // the host is going or gone
                }
            }
        }));

        // Load until the host is well into it (a busy machine makes a fresh host slow to warm up), then stop it.
        while (answered.Count < Warm && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var stoppedAt = clock.Elapsed;
        using (var kill = Process.Start("kill", $"-{signal} {api.Id}"))
        {
            await kill.WaitForExitAsync();
        }

        await api.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await done.CancelAsync();
        await load;
        await api.DisposeAsync();
        output.WriteLine($"{signal}: not answered: {string.Join(", ", refused.Select(r => $"{r.Value} x {r.Key}"))}");
        var restarted = signal == "KILL" ? await ServiceProcess.StartApiAsync(stack.Worker.BaseUrl, environment) : null;
        return (owner, [.. answered], stoppedAt, restarted);
    }
}
