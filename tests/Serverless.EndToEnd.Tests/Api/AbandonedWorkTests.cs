using System.Text;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// Work a client abandons is stopped on the worker and billed for what the worker generated: otherwise any tenant
/// could keep the GPUs busy for free by hanging up before the answer.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class AbandonedWorkTests(LocalStackFixture stack)
{
    // Four choices of up to 900 tokens (with the chat template's, the prompt is 32): seconds of work for the CPU worker.
    private const int MaxTokens = 4 * 900;

    private static string Body(bool stream) =>
        $$"""{"model":"gpt2-tiny","messages":[{"role":"user","content":"Tell me a long story."}],"max_tokens":900,"n":4,"temperature":1,"seed":5,"stream":{{(stream ? "true" : "false")}}}""";

    [Fact]
    public async Task AWholeAnswerWhoseClientGoesAway_StopsTheWorker_AndIsBilledForWhatItGenerated()
    {
        var (owner, http) = await NewCallerAsync();
        using (http)
        {
            // The client hangs up once the worker is generating its four choices (its readiness report counts them).
            using var leave = new CancellationTokenSource();
            var call = Task.Run(async () =>
            {
                using var response = await http.PostAsync("v1/chat/completions", new StringContent(Body(stream: false), Encoding.UTF8, "application/json"), leave.Token);
                return $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(leave.Token)}";
            });
            await WaitUntilGeneratingAsync(call);
            await Task.Delay(300);
            await leave.CancelAsync();
            var left = await Record.ExceptionAsync(() => call);
            Assert.True(left is OperationCanceledException, $"the answer came before the client left: {(left is null ? await call : left.Message)}");
        }

        var total = await stack.UsageTotalAsync(owner, requests: 1);
        Assert.Equal(1, total.GetProperty("requests").GetInt64());
        Assert.InRange(total.GetProperty("completion_tokens").GetInt64(), 1, MaxTokens - 1); // billed, and stopped before the end
        Assert.True(total.GetProperty("cost").GetDecimal() > 0);
    }

    [Fact]
    public async Task AStreamWhoseClientGoesAway_StopsTheWorker_AndIsBilledAtLeastWhatWasDelivered()
    {
        var (owner, http) = await NewCallerAsync();
        var delivered = 0;
        using (http)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(Body(stream: true), Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (delivered < 20 && await reader.ReadLineAsync() is { } line)
            {
                delivered += line.StartsWith("data: {", StringComparison.Ordinal) && line.Contains("\"content\":\"", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        var total = await stack.UsageTotalAsync(owner, requests: 1);
        Assert.Equal(1, total.GetProperty("requests").GetInt64());
        Assert.InRange(total.GetProperty("completion_tokens").GetInt64(), delivered - 4, MaxTokens - 1); // the opening chunks carry no token
    }

    /// <summary>Waits until the worker has all four choices of the call in its batch (or the call has ended).</summary>
    private async Task WaitUntilGeneratingAsync(Task call)
    {
        using var worker = stack.CreateHttpClient(direct: true);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!call.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var ready = JsonDocument.Parse(await worker.GetStringAsync("readyz"));
            if (ready.RootElement.GetProperty("active_sequences").GetInt32() >= 4)
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    private async Task<(string Owner, HttpClient Http)> NewCallerAsync()
    {
        var owner = "abandon-" + Guid.NewGuid().ToString("N")[..8];
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"abandon","owner":"{{owner}}"}""");

        // A client that goes away closes its connection: .NET's handler would otherwise read the rest of an abandoned
        // answer (up to 1 MiB, for 2 s) to reuse the connection, and so receive it all.
        var http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = stack.Api.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return (owner, http);
    }
}
