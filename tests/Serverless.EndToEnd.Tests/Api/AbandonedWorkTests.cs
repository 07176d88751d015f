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
    private const int MaxTokens = 600;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARequestWhoseClientGoesAway_StopsTheWorker_AndIsBilledForWhatItGenerated(bool stream)
    {
        var owner = "abandon-" + Guid.NewGuid().ToString("N")[..8];
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"abandon","owner":"{{owner}}"}""");
        using var http = stack.CreateHttpClient(key: secret);
        var body = $$"""{"model":"gpt2-tiny","messages":[{"role":"user","content":"Tell me a long story."}],"max_tokens":{{MaxTokens}},"temperature":1,"seed":5,"stream":{{(stream ? "true" : "false")}}}""";

        // The client hangs up once the worker is well into the answer.
        using var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var response = await http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), leave.Token);
            await response.Content.ReadAsStringAsync(leave.Token);
        });

        var total = await UsageTotalAsync(owner);
        Assert.Equal(1, total.GetProperty("requests").GetInt64());
        var completion = total.GetProperty("completion_tokens").GetInt64();
        Assert.InRange(completion, 1, MaxTokens - 1); // billed, and stopped before the end
        Assert.True(total.GetProperty("cost").GetDecimal() > 0);
    }

    private async Task<JsonElement> UsageTotalAsync(string owner)
    {
        using var admin = stack.CreateAdminClient();
        JsonElement total = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await admin.SendAsync(HttpMethod.Get, $"v1/usage?owner={owner}");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            total = document.RootElement.GetProperty("total").Clone();
            if (total.GetProperty("requests").GetInt64() > 0)
            {
                return total;
            }

            await Task.Delay(200);
        }

        return total;
    }
}
