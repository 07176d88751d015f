using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.Testing;
using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// A property of the money path: whatever mix of requests a tenant sends (chat and completions, several choices,
/// with and without max_tokens, long prompts, stop sequences, streamed or not, async jobs) through two API hosts at
/// once, what is admitted and settled never exceeds its per-minute tokens, daily tokens or daily budget.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class LimitsHoldPropertyTests(LocalStackFixture stack, ITestOutputHelper output)
{
    private const long Tpm = 2500;
    private const long Tpd = 3500;
    private const decimal Budget = 0.003m;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomRequestsFromTwoHosts_NeverSettleBeyondAnyLimit(int seed)
    {
        await using var second = await ServiceProcess.StartApiAsync(stack.Worker.BaseUrl, stack.Secrets.Environment(stack.Storage.ConnectionString));
        await MinuteBoundary.AvoidAsync(secondsNeeded: 45);
        var owner = $"limits-{seed}-" + Guid.NewGuid().ToString("N")[..6];
        var limits = string.Create(CultureInfo.InvariantCulture, $$"""{"tpm":{{Tpm}},"tpd":{{Tpd}},"budget":{{Budget}},"max_concurrency":100}""");
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"limits","owner":"{{owner}}","limits":{{limits}} }""");
        using var one = new HttpClient { BaseAddress = stack.Api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secret) } };
        using var two = new HttpClient { BaseAddress = second.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secret) } };
        var random = new Random(seed);
        var requests = Enumerable.Range(0, 40).Select(_ => RandomRequest(random)).ToArray();

        var statuses = await Task.WhenAll(requests.Select(async (r, i) =>
        {
            using var response = await (i % 2 == 0 ? one : two).PostAsync(r.Path, new StringContent(r.Body, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            return (r.Path, response.StatusCode, Job: response.StatusCode == HttpStatusCode.Accepted ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetString() : null);
        }));
        var jobs = statuses.Where(s => s.Job is not null).Select(s => s.Job!).ToArray();
        IReadOnlyList<JsonElement> ended = jobs.Length == 0 ? [] : await Jobs.AsyncJobs.WaitForAllAsync(one, jobs, TimeSpan.FromMinutes(2));

        var total = await stack.UsageTotalAsync(owner, statuses.Count(s => s.StatusCode == HttpStatusCode.OK) + ended.Count(j => j.GetProperty("status").GetString() == "succeeded"));
        var tokens = total.GetProperty("total_tokens").GetInt64();
        var cost = total.GetProperty("cost").GetDecimal();
        output.WriteLine($"seed {seed}: {string.Join(", ", statuses.GroupBy(s => (int)s.StatusCode).Select(g => $"{g.Count()} x {g.Key}"))}; billed {tokens} tokens, {cost} in {total.GetProperty("requests").GetInt64()} requests");
        Assert.Contains(statuses, s => s.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted);
        Assert.All(statuses, s => Assert.True(s.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests, $"{s.Path}: {s.StatusCode}"));
        Assert.InRange(tokens, 1, Math.Min(Tpm, Tpd));
        Assert.True(cost <= Budget, $"billed {cost}, over the budget of {Budget}");
    }

    private static (string Path, string Body) RandomRequest(Random random)
    {
        var prompt = new string('a', random.Next(1, 400)) + " " + random.Next();
        var n = new[] { 1, 2, 4 }[random.Next(3)];
        int? maxTokens = random.Next(3) == 0 ? null : random.Next(1, 64);
        var stream = random.Next(3) == 0;
        var stop = random.Next(4) == 0 ? new[] { "e", "\n" } : null;
        var job = !stream && random.Next(6) == 0;
        if (random.Next(2) == 0)
        {
            var chat = new Dictionary<string, object?>
            {
                ["model"] = "gpt2-tiny", ["messages"] = new[] { new { role = "system", content = "Be brief." }, new { role = "user", content = prompt } },
                ["n"] = n, ["max_tokens"] = maxTokens, ["stream"] = stream, ["stop"] = stop, ["temperature"] = 1.0,
            };
            return (job ? "v1/async/chat/completions" : "v1/chat/completions", JsonSerializer.Serialize(chat));
        }

        var completion = new Dictionary<string, object?>
        {
            ["model"] = "gpt2-tiny", ["prompt"] = prompt, ["n"] = n, ["max_tokens"] = maxTokens, ["stream"] = stream, ["stop"] = stop, ["temperature"] = 1.0,
        };
        return (job ? "v1/async/completions" : "v1/completions", JsonSerializer.Serialize(completion));
    }
}
