using System.Net;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Routing;

/// <summary>
/// Routing a catalog model through real processes: a failing deployment is passed over for the next, then for a
/// fallback model, before the answer begins and never after; a client error is not retried; the breaker opens and
/// closes; the answer and the bill name what served.
/// </summary>
[Collection(RoutingStackCollection.Name)]
public sealed class FailoverTests(RoutingStackFixture stack)
{
    private string Openai(string id, string mode, int priority, int? timeoutSeconds = null) =>
        $$"""{"id":"{{id}}","kind":"openai","base_url":"{{stack.Upstream.UrlOf(mode)}}","credential":"{{RoutingStackFixture.SecondWorkerCredential}}","priority":{{priority}}{{(timeoutSeconds is { } t ? $",\"timeout_seconds\":{t}" : "")}}}""";

    private string SecondWorker(int priority) =>
        $$"""{"id":"second-worker","kind":"worker","base_url":"{{stack.SecondWorkerV1}}","model":"gpt2-tiny","priority":{{priority}}}""";

    private static string Model(string deployments, string fallbacks = "") =>
        $$"""{"capabilities":["chat","completion"],"context_length":1024,"deployments":[{{deployments}}],"fallbacks":[{{fallbacks}}]}""";

    [Fact]
    public async Task WhenTheFirstDeploymentFails_TheNextServes_AndTheAnswerSaysWhich()
    {
        await stack.PutModelAsync("next-serves", Model($"{Openai("failing", "fail", 1)},{SecondWorker(2)}"));
        var before = stack.Upstream.Calls("fail");
        using var http = stack.CreateHttpClient(stack.Secrets.AdminKey);

        using var response = await RoutingStackFixture.ChatAsync(http, "next-serves");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("second-worker", response.Headers.GetValues("x-served-by").Single());
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("next-serves", answer.RootElement.GetProperty("model").GetString());
        Assert.Equal(before + 1, stack.Upstream.Calls("fail"));
        Assert.DoesNotContain(TestUpstream.SecretDetail, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenEveryDeploymentFails_AFallbackModelServes_AndUsageIsBilledAsItAtItsPrice()
    {
        await stack.PutModelAsync("cheap-fallback", Model(SecondWorker(1)), pricePer1K: 1m);
        await stack.PutModelAsync("all-fail", Model($"{Openai("e500", "fail", 1)},{Openai("e429", "busy", 1)},{Openai("slow", "hang", 2, timeoutSeconds: 1)}", "\"cheap-fallback\""), pricePer1K: 1000m);
        using var admin = stack.CreateAdminClient();
        var (_, key) = await admin.CreateKeyAsync("""{"name":"routing","owner":"routing-billing","role":"user"}""");
        var before = (stack.Upstream.Calls("fail"), stack.Upstream.Calls("busy"), stack.Upstream.Calls("hang"));
        using var http = stack.CreateHttpClient(key);

        using var response = await RoutingStackFixture.ChatAsync(http, "all-fail");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("second-worker", response.Headers.GetValues("x-served-by").Single());
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("cheap-fallback", answer.RootElement.GetProperty("model").GetString());
        Assert.Equal((before.Item1 + 1, before.Item2 + 1, before.Item3 + 1), (stack.Upstream.Calls("fail"), stack.Upstream.Calls("busy"), stack.Upstream.Calls("hang")));
        var usage = answer.RootElement.GetProperty("usage");
        var tokens = usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32();

        var rows = await UsageByModelAsync(admin, "routing-billing");
        var row = Assert.Single(rows);
        Assert.Equal("cheap-fallback", row.GetProperty("model").GetString());
        Assert.Equal(tokens, row.GetProperty("total_tokens").GetInt64());
        Assert.Equal(tokens / 1000m, row.GetProperty("cost").GetDecimal()); // the fallback's 1 per 1K, not the requested model's 1000
    }

    [Fact]
    public async Task AModelOfTheApisOwnWorker_CanBeTheFallback()
    {
        await stack.PutModelAsync("to-own-worker", Model(Openai("down", "fail", 1), "\"gpt2-tiny\""));
        using var http = stack.CreateHttpClient(stack.Secrets.AdminKey);

        using var response = await RoutingStackFixture.ChatAsync(http, "to-own-worker");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("worker", response.Headers.GetValues("x-served-by").Single());
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("gpt2-tiny", answer.RootElement.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("fail", HttpStatusCode.BadGateway, "upstream_error")]
    [InlineData("busy", HttpStatusCode.ServiceUnavailable, "upstream_unavailable")]
    public async Task WhenOnlyAHostedProviderFailed_TheErrorSaysSo_NotTheWorker(string mode, HttpStatusCode status, string code)
    {
        await stack.PutModelAsync($"provider-only-{mode}", Model(Openai("provider", mode, 1)));
        using var http = stack.CreateHttpClient(stack.Secrets.AdminKey);

        using var response = await RoutingStackFixture.ChatAsync(http, $"provider-only-{mode}");

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, status);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.DoesNotContain(TestUpstream.SecretDetail, error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStream_IsNeverRetriedAfterItsFirstByte()
    {
        await stack.PutModelAsync("cut-stream", Model($"{Openai("cutting", "cut", 1)},{SecondWorker(2)}"));
        var before = stack.Upstream.Calls("cut");
        using var http = stack.CreateHttpClient(stack.Secrets.AdminKey);

        using var response = await RoutingStackFixture.ChatAsync(http, "cut-stream", stream: true);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cutting", response.Headers.GetValues("x-served-by").Single());
        Assert.Contains("\"content\":\"Partial\"", text, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"cut-stream\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestUpstream.UpstreamModelName, text, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"worker_error\"", text, StringComparison.Ordinal); // an error event, not the second worker's answer
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        Assert.Equal(before + 1, stack.Upstream.Calls("cut"));
    }

    [Fact]
    public async Task AClientError_IsNotRetried_NorIsTheUpstreamsBodyShown_AndOnlyTheDeploymentsKeyIsSent()
    {
        await stack.PutModelAsync("refusing", Model($"{Openai("refuser", "bad", 1)},{SecondWorker(2)}"));
        var before = stack.Upstream.Calls("bad");
        using var http = stack.CreateHttpClient(stack.Secrets.AdminKey);

        using var response = await RoutingStackFixture.ChatAsync(http, "refusing");

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("upstream_invalid_request", error.GetProperty("code").GetString());
        Assert.DoesNotContain(TestUpstream.SecretDetail, error.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("refuser", response.Headers.GetValues("x-served-by").Single());
        Assert.Equal(before + 1, stack.Upstream.Calls("bad"));
        Assert.Equal($"Bearer {stack.Secrets.WorkerKey}", stack.Upstream.AuthorizationOf("bad")); // the deployment's credential, never the caller's key
        Assert.DoesNotContain(stack.Secrets.WorkerKey, stack.Api.Output, StringComparison.Ordinal); // resolved, never logged
    }

    [Fact]
    public async Task TheBreaker_OpensAfterFailures_ShowsInReadyzAndMetrics_AndClosesWhenTheUpstreamRecovers()
    {
        await stack.PutModelAsync("flaky-model", Model($"{Openai("flaky", "flaky", 1)},{SecondWorker(2)}"));
        stack.Upstream.Recovered = false;
        using var http = stack.CreateHttpClient(stack.Secrets.AdminKey);

        // Two failures of two calls pass the 50 % ratio at the minimum throughput of 2: the circuit opens.
        for (var i = 0; i < 2; i++)
        {
            using var failedOver = await RoutingStackFixture.ChatAsync(http, "flaky-model");
            Assert.Equal("second-worker", failedOver.Headers.GetValues("x-served-by").Single());
        }

        var calls = stack.Upstream.Calls("flaky");
        using (var passedOver = await RoutingStackFixture.ChatAsync(http, "flaky-model"))
        {
            Assert.Equal("second-worker", passedOver.Headers.GetValues("x-served-by").Single());
        }

        Assert.Equal(calls, stack.Upstream.Calls("flaky")); // open: not even tried
        Assert.Equal("open", await CircuitAsync(http, "flaky-model/flaky"));
        Assert.Equal("2", await GaugeAsync(http, "flaky-model/flaky"));

        stack.Upstream.Recovered = true;
        await Task.Delay(RoutingStackFixture.BreakDuration + TimeSpan.FromMilliseconds(500));
        using var probe = await RoutingStackFixture.ChatAsync(http, "flaky-model");
        var body = await probe.Content.ReadAsStringAsync();

        Assert.Equal("flaky", probe.Headers.GetValues("x-served-by").Single());
        Assert.Contains("\"model\":\"flaky-model\"", body, StringComparison.Ordinal);
        Assert.Contains("recovered", body, StringComparison.Ordinal);
        Assert.Equal("closed", await CircuitAsync(http, "flaky-model/flaky"));
        Assert.Equal("0", await GaugeAsync(http, "flaky-model/flaky"));
    }

    private static async Task<string?> CircuitAsync(HttpClient http, string deployment)
    {
        using var response = await http.GetAsync("readyz");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return report.RootElement.GetProperty("deployments").GetProperty(deployment).GetString();
    }

    private static async Task<string?> GaugeAsync(HttpClient http, string deployment)
    {
        var text = await http.GetStringAsync("metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("api_deployment_circuit_state", StringComparison.Ordinal) && l.Contains($"deployment=\"{deployment}\"", StringComparison.Ordinal));
        Assert.True(line is not null, text);
        return line.Split(' ').Last().Trim();
    }

    private static async Task<JsonElement[]> UsageByModelAsync(Serverless.Testing.AdminClient admin, string owner)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await admin.SendAsync(HttpMethod.Get, $"v1/usage?owner={owner}&group_by=model");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var rows = document.RootElement.GetProperty("data").EnumerateArray().Select(r => r.Clone()).ToArray();
            if (rows.Length > 0 || waited.Elapsed > TimeSpan.FromSeconds(15))
            {
                return rows;
            }

            await Task.Delay(250);
        }
    }
}
