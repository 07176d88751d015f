using System.Text;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// What a request is billed never exceeds what admission reserved for it, so a daily token quota (a customer's cap)
/// holds: the gateway hands its reservation to the worker as a hard budget for prompt and completion together.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class ReservationBoundTests(LocalStackFixture stack)
{
    private const long DailyTokens = 3000;
    private static readonly string LongPrompt = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 22)); // ~1,000 bytes

    [Theory]
    [InlineData("v1/chat/completions", false)]
    [InlineData("v1/chat/completions", true)]
    [InlineData("v1/completions", false)]
    public async Task ManyChoicesWithoutMaxTokens_OnALongPrompt_AreBilledNoMoreThanTheDailyQuotaAdmitted(string path, bool stream)
    {
        var owner = "bound-" + Guid.NewGuid().ToString("N")[..8];
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"bound","owner":"{{owner}}","limits":{"tpd":{{DailyTokens}}} }""");
        using var http = stack.CreateHttpClient(key: secret);
        var body = path.Contains("chat", StringComparison.Ordinal)
            ? JsonSerializer.Serialize(new { model = "gpt2-tiny", messages = new[] { new { role = "user", content = LongPrompt } }, n = 16, temperature = 1.0, stream })
            : JsonSerializer.Serialize(new { model = "gpt2-tiny", prompt = LongPrompt, n = 16, max_tokens = 100, temperature = 1.0, stream });

        var answered = 0;
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            await response.Content.ReadAsStringAsync();
            answered += response.IsSuccessStatusCode ? 1 : 0;
        }

        var total = await stack.UsageTotalAsync(owner, answered);
        Assert.True(answered >= 1, "the first request fits the quota and must be answered");
        Assert.Equal(answered, total.GetProperty("requests").GetInt64());
        Assert.InRange(total.GetProperty("total_tokens").GetInt64(), 1, DailyTokens);
    }
}
