using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>Request logs, metrics and readiness of the real API and worker processes.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class ObservabilityTests(LocalStackFixture stack)
{
    private static readonly string[] SeedFields =
        ["request_id", "timestamp", "client_ip", "user_agent", "user_id", "user", "endpoint", "model", "input_tokens", "output_tokens", "processing_time_ms", "status_code", "error"];

    [Fact]
    public async Task RequestLog_IsOneJsonLinePerRequest_WithExactlyTheSeedsFields_AndNeverThePrompt()
    {
        var (keyId, secret) = await stack.CreateKeyAsync("""{"name":"request-log","owner":"obs-log"}""");
        using var http = stack.CreateHttpClient(key: secret);
        var marker = "prompt-marker-" + Guid.NewGuid().ToString("N");
        var (okId, missingId) = ("e2e-log-" + Guid.NewGuid().ToString("N"), "e2e-log-" + Guid.NewGuid().ToString("N"));
        var sent = DateTimeOffset.UtcNow;

        using var ok = await PostAsync(
            http, "v1/chat/completions", $$"""{"model":"gpt2-tiny","messages":[{"role":"user","content":"{{marker}}"}],"max_tokens":3,"user":"end-user-42"}""", okId, "observability-tests/1.0");
        using var missing = await PostAsync(http, "v1/chat/completions", """{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""", missingId);
        using var answer = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        var usage = answer.RootElement.GetProperty("usage");
        var line = await RequestLogLineAsync(okId);
        var refused = await RequestLogLineAsync(missingId);

        Assert.Equal(SeedFields, line.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, line.GetProperty("user_id").GetString());
        Assert.Equal("observability-tests/1.0", line.GetProperty("user_agent").GetString());
        Assert.Equal("end-user-42", line.GetProperty("user").GetString());
        Assert.Equal("127.0.0.1", line.GetProperty("client_ip").GetString());
        Assert.Equal("/v1/chat/completions", line.GetProperty("endpoint").GetString());
        Assert.Equal("gpt2-tiny", line.GetProperty("model").GetString());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), line.GetProperty("input_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), line.GetProperty("output_tokens").GetInt32());
        Assert.Equal(200, line.GetProperty("status_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
        Assert.True(line.GetProperty("processing_time_ms").GetDouble() > 0);
        var timestamp = DateTimeOffset.ParseExact(line.GetProperty("timestamp").GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(timestamp, sent.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));

        Assert.Equal(SeedFields, refused.EnumerateObject().Select(p => p.Name));
        Assert.Equal(404, refused.GetProperty("status_code").GetInt32());
        Assert.Equal("model_not_found", refused.GetProperty("error").GetString());
        Assert.Equal("no-such-model", refused.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("user").ValueKind);
        Assert.Equal(0, refused.GetProperty("input_tokens").GetInt32());
        Assert.DoesNotContain(marker, stack.Api.Output + stack.Worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_MoveByExactlyTheRequestsAndTokensSent()
    {
        await MinuteBoundary.AvoidAsync(40);
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"metrics-counters","owner":"obs-{{Guid.NewGuid():N}}"}""");
        var (_, limited) = await stack.CreateKeyAsync($$$"""{"name":"metrics-rpm1","owner":"obs-{{{Guid.NewGuid():N}}}","limits":{"rpm":1}}""");
        using var http = stack.CreateHttpClient(key: secret);
        using var limitedHttp = stack.CreateHttpClient(key: limited);
        var (apiBefore, workerBefore) = (await ScrapeApiAsync(), await ScrapeWorkerAsync());

        int prompt = 0, completion = 0, embeddingTokens = 0;
        for (var i = 0; i < 3; i++)
        {
            using var chat = await PostAsync(http, "v1/chat/completions", $$"""{"model":"gpt2-tiny","messages":[{"role":"user","content":"count {{i}}"}],"max_tokens":{{4 + i}}}""");
            var (p, c) = await UsageOfAsync(chat);
            (prompt, completion) = (prompt + p, completion + c);
        }

        using var stream = await PostAsync(http, "v1/chat/completions",
            """{"model":"gpt2-tiny","messages":[{"role":"user","content":"stream"}],"max_tokens":6,"stream":true,"stream_options":{"include_usage":true}}""");
        var (streamPrompt, streamCompletion) = StreamUsage(await stream.Content.ReadAsStringAsync());
        (prompt, completion) = (prompt + streamPrompt, completion + streamCompletion);
        for (var i = 0; i < 2; i++)
        {
            using var embedding = await PostAsync(http, "v1/embeddings", $$"""{"model":"all-minilm-l6-v2","input":"vector {{i}}"}""");
            embeddingTokens += (await UsageOfAsync(embedding)).Prompt;
        }

        using var allowed = await PostAsync(limitedHttp, "v1/embeddings", """{"model":"all-minilm-l6-v2","input":"first"}""");
        embeddingTokens += (await UsageOfAsync(allowed)).Prompt;
        using var rejected = await PostAsync(limitedHttp, "v1/embeddings", """{"model":"all-minilm-l6-v2","input":"second"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        var (api, worker) = (await ScrapeApiAsync(), await ScrapeWorkerAsync());

        double Api(string name, params string[] labels) => api.Sum(name, labels) - apiBefore.Sum(name, labels);
        double Worker(string name, params string[] labels) => worker.Sum(name, labels) - workerBefore.Sum(name, labels);
        Assert.Equal(4, Api("api_requests_total", "model=gpt2-tiny", "endpoint=/v1/chat/completions", "status=success"));
        Assert.Equal(4, Api("api_request_duration_ms_count", "model=gpt2-tiny", "endpoint=/v1/chat/completions"));
        Assert.Equal(prompt, Api("api_tokens_processed_total", "model=gpt2-tiny", "type=prompt"));
        Assert.Equal(completion, Api("api_tokens_processed_total", "model=gpt2-tiny", "type=completion"));
        Assert.Equal(3, Api("api_requests_total", "model=all-minilm-l6-v2", "endpoint=/v1/embeddings", "status=success"));
        Assert.Equal(1, Api("api_requests_total", "model=all-minilm-l6-v2", "endpoint=/v1/embeddings", "status=client_error"));
        Assert.Equal(embeddingTokens, Api("api_tokens_processed_total", "model=all-minilm-l6-v2", "type=prompt"));
        Assert.Equal(0, Api("api_tokens_processed_total", "model=all-minilm-l6-v2", "type=completion"));
        Assert.Equal(1, Api("api_rate_limit_rejections_total", "limit=requests_per_minute"));
        Assert.Equal(1, Api("api_errors_total", "endpoint=/v1/embeddings", "code=rate_limit_exceeded"));
        Assert.Equal(1, Api("api_time_to_first_token_ms_count", "model=gpt2-tiny"));
        Assert.Equal(streamCompletion >= 2 ? 1 : 0, Api("api_stream_tokens_per_second_count", "model=gpt2-tiny"));
        Assert.True(Api("api_storage_calls_total") > 0, "storage calls were not counted");
        Assert.Equal(1, api.Sum("api_requests_in_flight")); // the scrape itself
        Assert.Equal(completion, Worker("worker_tokens_generated_total", "model=gpt2-tiny"));
        Assert.Equal(4, Worker("worker_time_to_first_token_ms_count", "model=gpt2-tiny"));
    }

    [Fact]
    public async Task Metrics_NeedTheAdminKeyOrTheMetricsToken_OnTheApi_AndTheWorkerKeyOnTheWorker()
    {
        using var anonymous = stack.CreateHttpClient(key: string.Empty);
        using var user = stack.CreateHttpClient();
        using var admin = stack.CreateHttpClient(key: stack.Secrets.AdminKey);
        using var token = stack.CreateHttpClient(key: stack.Secrets.MetricsToken);
        using var wrongToken = stack.CreateHttpClient(key: "metrics-" + Guid.NewGuid().ToString("N"));
        using var worker = stack.CreateHttpClient(direct: true);
        using var anonymousOnWorker = stack.CreateHttpClient(direct: true, key: string.Empty);
        using var apiKeyOnWorker = stack.CreateHttpClient(direct: true, key: stack.Secrets.AdminKey);

        await ErrorAssertions.AssertOpenAIErrorAsync(await anonymous.GetAsync("metrics"), HttpStatusCode.Unauthorized);
        await ErrorAssertions.AssertOpenAIErrorAsync(await user.GetAsync("metrics"), HttpStatusCode.Forbidden);
        await ErrorAssertions.AssertOpenAIErrorAsync(await wrongToken.GetAsync("metrics"), HttpStatusCode.Unauthorized);
        await ErrorAssertions.AssertOpenAIErrorAsync(await anonymousOnWorker.GetAsync("metrics"), HttpStatusCode.Unauthorized);
        await ErrorAssertions.AssertOpenAIErrorAsync(await apiKeyOnWorker.GetAsync("metrics"), HttpStatusCode.Unauthorized);
        foreach (var allowed in new[] { admin, token, worker })
        {
            using var response = await allowed.GetAsync("metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        }
    }

    [Fact]
    public async Task Readyz_Is200WhenStorageAndWorkerAnswer_SayingWhichOnlyToOperators()
    {
        using var anonymous = stack.CreateHttpClient(key: string.Empty);
        using var user = stack.CreateHttpClient();
        using var token = stack.CreateHttpClient(key: stack.Secrets.MetricsToken);

        using var response = await anonymous.GetAsync("readyz");
        var toUser = await user.GetStringAsync("readyz");
        using var detail = JsonDocument.Parse(await token.GetStringAsync("readyz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ready"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("""{"status":"ready"}""", toUser);
        Assert.Equal("ok", detail.RootElement.GetProperty("storage").GetString());
        Assert.Equal("ok", detail.RootElement.GetProperty("worker").GetString());
        Assert.Equal("probe", detail.RootElement.GetProperty("worker_source").GetString()); // the local worker never scales to zero
    }

    [Fact]
    public async Task Readyz_Is503NamingTheWorkerToOperators_WhenTheWorkerIsDown()
    {
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var api = await ServiceProcess.StartApiAsync(nowhere, stack.Secrets.Environment(stack.Storage.ConnectionString));
        using var http = new HttpClient { BaseAddress = api.BaseUrl };
        using var operatorHttp = new HttpClient { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", stack.Secrets.MetricsToken) } };

        using var ready = await http.GetAsync("readyz");
        using var detail = await operatorHttp.GetAsync("readyz");
        using var alive = await http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("""{"status":"not_ready"}""", await ready.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await detail.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("storage").GetString());
        Assert.Equal("unavailable", json.RootElement.GetProperty("worker").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Promtool_AcceptsTheApisAndTheWorkersScrapes_AfterRealTraffic()
    {
        using var http = stack.CreateHttpClient();
        using (await PostAsync(http, "v1/chat/completions", """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":4,"stream":true}"""))
        using (await PostAsync(http, "v1/completions", """{"model":"gpt2-tiny","prompt":"hi","max_tokens":2}"""))
        using (await PostAsync(http, "v1/embeddings", """{"model":"all-minilm-l6-v2","input":"hi"}"""))
        using (await PostAsync(http, "v1/embeddings", """{"model":"nope","input":"hi"}"""))
        using (await stack.CreateHttpClient(key: string.Empty).GetAsync("v1/models"))
        {
        }

        var api = await ScrapeApiAsync();
        var worker = await ScrapeWorkerAsync();

        await Promtool.AssertMetricsPassAsync(api.Text);
        await Promtool.AssertMetricsPassAsync(worker.Text);
        Assert.Contains("api_request_duration_ms_bucket{endpoint=\"/v1/chat/completions\",model=\"gpt2-tiny\",le=\"60000\"}", api.Text, StringComparison.Ordinal);
        Assert.Contains("worker_execution_provider{provider=\"CPU\"} 1", worker.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRulesAndDashboard_UseOnlyMetricsTheServicesExpose_AndPromtoolAcceptsTheRules()
    {
        var rules = Path.Combine(RepositoryPaths.Root, "observability", "prometheus", "alerts.yml");
        var dashboard = Path.Combine(RepositoryPaths.Root, "observability", "grafana", "serverless-api.json");

        // A request and an async job first, so the metrics that appear once a model served and a job ended are in the scrape.
        using (var http = stack.CreateHttpClient())
        {
            using var chat = await http.PostAsync("v1/chat/completions", new StringContent("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":1}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.OK, chat.StatusCode);
            var job = await Jobs.AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"metrics","max_tokens":1}""");
            await Jobs.AsyncJobs.WaitForAsync(http, job.GetProperty("id").GetString()!, TimeSpan.FromSeconds(60));
        }

        var exposed = (await ScrapeApiAsync()).Families.Concat((await ScrapeWorkerAsync()).Families).ToHashSet(StringComparer.Ordinal);

        var (checkCode, checkOutput) = await Promtool.RunAsync(null, "check", "rules", rules);
        var (testCode, testOutput) = await Promtool.RunAsync(null, "test", "rules", Path.Combine(RepositoryPaths.Root, "observability", "prometheus", "alerts.test.yml"));

        Assert.True(checkCode == 0, checkOutput);
        Assert.True(testCode == 0, testOutput);
        foreach (var expressions in new[] { RuleExpressions(await File.ReadAllTextAsync(rules)), PanelExpressions(await File.ReadAllTextAsync(dashboard)) })
        {
            var used = expressions
                .Select(e => Regex.Replace(e, @"""(?:[^""\\]|\\.)*""", string.Empty)) // label values such as code="worker_error" are not metrics
                .SelectMany(e => Regex.Matches(e, @"\b(?:api|worker)_[a-z_]+").Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", string.Empty)))
                .ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(used);
            Assert.All(used, name => Assert.Contains(name, exposed));
        }
    }

    /// <summary>The rules file without its comments and quoted annotations: what is left of the metric names is in the expressions.</summary>
    private static string[] RuleExpressions(string yaml) => [Regex.Replace(Regex.Replace(yaml, "#.*", string.Empty), @"""(?:[^""\\]|\\.)*""", string.Empty)];

    private static string[] PanelExpressions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToArray();
    }

    private Task<PrometheusScrape> ScrapeApiAsync() => PrometheusScrape.GetAsync(stack.Api.BaseUrl, bearer: stack.Secrets.MetricsToken);

    private Task<PrometheusScrape> ScrapeWorkerAsync() => PrometheusScrape.GetAsync(stack.Worker.BaseUrl, bearer: stack.Secrets.WorkerKey);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string json, string? requestId = null, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (requestId is not null)
        {
            request.Headers.Add("x-request-id", requestId);
        }

        if (userAgent is not null)
        {
            request.Headers.UserAgent.ParseAdd(userAgent);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<(int Prompt, int Completion)> UsageOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var document = JsonDocument.Parse(body);
        var usage = document.RootElement.GetProperty("usage");
        return (usage.GetProperty("prompt_tokens").GetInt32(), usage.TryGetProperty("completion_tokens", out var c) ? c.GetInt32() : 0);
    }

    private static (int Prompt, int Completion) StreamUsage(string events)
    {
        var last = events.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal) && l.Contains("\"usage\":{", StringComparison.Ordinal)).Last();
        using var document = JsonDocument.Parse(last["data: ".Length..]);
        var usage = document.RootElement.GetProperty("usage");
        return (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32());
    }

    /// <summary>The API's request log line for <paramref name="requestId"/>, waiting briefly for the console logger to write it.</summary>
    private async Task<JsonElement> RequestLogLineAsync(string requestId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var line = stack.Api.Output.Split('\n')
                .FirstOrDefault(l => l.StartsWith("{\"request_id\":\"" + requestId + "\"", StringComparison.Ordinal));
            if (line is not null)
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.Clone();
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"no request log line for {requestId} in the API's output:\n{stack.Api.Output}");
    }
}
