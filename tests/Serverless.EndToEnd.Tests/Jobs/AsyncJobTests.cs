using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>The async job API on the local stack, as a user sees it: submit, poll, list, webhooks.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class AsyncJobTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Done = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Completion_SubmittedAsync_SucceedsWithWhatTheSyncRouteAnswers_AndIsBilledOnce()
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"jobs-completion","owner":"jobs-completion"}""");
        using var http = stack.CreateHttpClient(key: secret);
        const string Body = """{"model":"gpt2-tiny","prompt":"The meaning of life is","max_tokens":12,"temperature":0.9,"seed":42}""";
        using var sync = JsonDocument.Parse(await (await http.PostAsync("v1/completions", Json(Body))).Content.ReadAsStringAsync());

        var submitted = await AsyncJobs.SubmitAsync(http, "v1/async/completions", Body);
        var id = submitted.GetProperty("id").GetString()!;
        var job = await AsyncJobs.WaitForAsync(http, id, Done);

        Assert.Equal("async.job", submitted.GetProperty("object").GetString());
        Assert.Contains(submitted.GetProperty("status").GetString(), new[] { "queued", "running" });
        Assert.Equal("gpt2-tiny", submitted.GetProperty("model").GetString());
        Assert.EndsWith($"/v1/async/completions/{id}", submitted.GetProperty("status_url").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("runtime/webhooks", submitted.ToString(), StringComparison.OrdinalIgnoreCase); // Durable's management URLs
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var result = job.GetProperty("result");
        Assert.Equal("text_completion", result.GetProperty("object").GetString());
        Assert.Equal(Text(sync.RootElement), Text(result));
        Assert.Equal(sync.RootElement.GetProperty("usage").ToString(), result.GetProperty("usage").ToString());
        Assert.Equal(result.GetProperty("usage").GetProperty("total_tokens").GetInt64(), job.GetProperty("usage").GetProperty("total_tokens").GetInt64());
        Assert.True(job.GetProperty("completed_at").GetInt64() >= job.GetProperty("created").GetInt64());

        // Billed once: the sync call and the job, each once, to the token.
        var (requests, tokens) = await AsyncJobs.UsageAsync(http);
        Assert.Equal(2, requests);
        Assert.Equal(2 * result.GetProperty("usage").GetProperty("total_tokens").GetInt64(), tokens);
    }

    [Fact]
    public async Task BurstOfJobs_AllSucceed_EachBilledOnce()
    {
        // Results come back while orchestrations are still starting: none may be lost or counted twice.
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"jobs-burst","owner":"jobs-burst","limits":{"max_concurrency":100}}""");
        using var http = stack.CreateHttpClient(key: secret);

        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (await AsyncJobs.SubmitAsync(http, "v1/async/completions", $$"""{"model":"gpt2-tiny","prompt":"burst {{i}}","max_tokens":2}""")).GetProperty("id").GetString()!));
        var jobs = await AsyncJobs.WaitForAllAsync(http, ids, Done);

        Assert.All(jobs, job => Assert.Equal("succeeded", job.GetProperty("status").GetString()));
        Assert.Equal((40L, jobs.Sum(job => job.GetProperty("usage").GetProperty("total_tokens").GetInt64())), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task Chat_SubmittedAsync_SucceedsWithWhatTheSyncRouteAnswers_LogprobsIncluded()
    {
        using var http = stack.CreateHttpClient();
        const string Body = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Write a haiku about queues"}],"max_tokens":10,"temperature":0.7,"seed":7,"logprobs":true,"top_logprobs":2}""";
        using var sync = JsonDocument.Parse(await (await http.PostAsync("v1/chat/completions", Json(Body))).Content.ReadAsStringAsync());

        var submitted = await AsyncJobs.SubmitAsync(http, "v1/async/chat/completions", Body);
        var job = await AsyncJobs.WaitForAsync(http, submitted.GetProperty("id").GetString()!, Done);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal("/v1/chat/completions", job.GetProperty("endpoint").GetString());
        var result = job.GetProperty("result");
        Assert.Equal("chat.completion", result.GetProperty("object").GetString());
        Assert.Equal(
            sync.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            result.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(sync.RootElement.GetProperty("usage").ToString(), result.GetProperty("usage").ToString());
        var logprobs = result.GetProperty("choices")[0].GetProperty("logprobs");
        Assert.Equal(10, logprobs.GetProperty("content").GetArrayLength());
        Assert.Equal(sync.RootElement.GetProperty("choices")[0].GetProperty("logprobs").ToString(), logprobs.ToString());
    }

    [Fact]
    public async Task Chat_SubmittedAsync_WithAForcedToolAndAJsonSchema_AnswersTheCallAndTheDocument_AsTheSyncRouteDoes()
    {
        using var http = stack.CreateHttpClient();
        const string Tool = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Weather in Oslo?"}],"max_tokens":60,"seed":5,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}],"tool_choice":{"type":"function","function":{"name":"get_weather"}}}""";
        const string Schema = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"A colour as JSON"}],"max_tokens":60,"seed":5,"response_format":{"type":"json_schema","json_schema":{"name":"colour","schema":{"type":"object","properties":{"rgb":{"type":"array","items":{"type":"integer","minimum":0,"maximum":255},"minItems":3,"maxItems":3}},"required":["rgb"],"additionalProperties":false}}}}""";
        using var syncSchema = JsonDocument.Parse(await (await http.PostAsync("v1/chat/completions", Json(Schema))).Content.ReadAsStringAsync());

        var toolJob = await AsyncJobs.WaitForAsync(http, (await AsyncJobs.SubmitAsync(http, "v1/async/chat/completions", Tool)).GetProperty("id").GetString()!, Done);
        var schemaJob = await AsyncJobs.WaitForAsync(http, (await AsyncJobs.SubmitAsync(http, "v1/async/chat/completions", Schema)).GetProperty("id").GetString()!, Done);

        var toolChoice = toolJob.GetProperty("result").GetProperty("choices")[0];
        Assert.Equal("tool_calls", toolChoice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, toolChoice.GetProperty("message").GetProperty("content").ValueKind);
        var call = toolChoice.GetProperty("message").GetProperty("tool_calls")[0];
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        using var arguments = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal(JsonValueKind.String, arguments.RootElement.GetProperty("city").ValueKind);

        var content = schemaJob.GetProperty("result").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(syncSchema.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), content);
        using var colour = JsonDocument.Parse(content);
        Assert.Equal(3, colour.RootElement.GetProperty("rgb").GetArrayLength());
        Assert.All(colour.RootElement.GetProperty("rgb").EnumerateArray(), c => Assert.InRange(c.GetInt32(), 0, 255));
    }

    [Fact]
    public async Task Jobs_ListedByStatus_AreOnlyThoseInIt_AndAnUnknownStatusIs400()
    {
        var (_, key) = await stack.CreateKeyAsync("""{"name":"jobs-by-status","owner":"jobs-by-status"}""");
        using var http = stack.CreateHttpClient(key: key);
        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"one","max_tokens":2}""")).GetProperty("id").GetString()!;
        await AsyncJobs.WaitForAsync(http, id, TimeSpan.FromMinutes(2), "succeeded");

        using var succeeded = JsonDocument.Parse(await http.GetStringAsync("v1/async/completions?status=succeeded"));
        using var queued = JsonDocument.Parse(await http.GetStringAsync("v1/async/completions?status=queued"));
        using var unknown = await http.GetAsync("v1/async/completions?status=done");

        Assert.Equal([id], succeeded.RootElement.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Empty(queued.RootElement.GetProperty("data").EnumerateArray());
        var error = await ErrorAssertions.AssertOpenAIErrorAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Equal("status", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Jobs_AreListedForTheirOwnerOnly_AndAnotherOwnersIdIs404()
    {
        var (_, mine) = await stack.CreateKeyAsync("""{"name":"jobs-list-a","owner":"jobs-list-a"}""");
        var (_, theirs) = await stack.CreateKeyAsync("""{"name":"jobs-list-b","owner":"jobs-list-b"}""");
        using var owner = stack.CreateHttpClient(key: mine);
        using var other = stack.CreateHttpClient(key: theirs);
        using var admin = stack.CreateAdminClient();
        var first = (await AsyncJobs.SubmitAsync(owner, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"one","max_tokens":2}""")).GetProperty("id").GetString()!;
        var second = (await AsyncJobs.SubmitAsync(owner, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"two","max_tokens":2}""")).GetProperty("id").GetString()!;

        using var page1 = JsonDocument.Parse(await owner.GetStringAsync("v1/async/completions?limit=1"));
        var after = page1.RootElement.GetProperty("last_id").GetString();
        using var page2Response = await owner.GetAsync($"v1/async/completions?limit=1&after={after}");
        var page2Text = await page2Response.Content.ReadAsStringAsync();
        Assert.True(page2Response.IsSuccessStatusCode, page2Text);
        using var page2 = JsonDocument.Parse(page2Text);
        using var otherList = JsonDocument.Parse(await other.GetStringAsync("v1/async/completions"));
        using var otherGet = await other.GetAsync($"v1/async/completions/{first}");
        using var otherCancel = await other.PostAsync($"v1/async/completions/{first}/cancel", null);
        using var adminGet = await admin.SendAsync(HttpMethod.Get, $"v1/async/completions/{first}");

        // Newest first, a page at a time.
        Assert.Equal("list", page1.RootElement.GetProperty("object").GetString());
        Assert.Equal(second, page1.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.True(page1.RootElement.GetProperty("has_more").GetBoolean());
        Assert.Equal(first, page2.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Empty(otherList.RootElement.GetProperty("data").EnumerateArray());
        await ErrorAssertions.AssertOpenAIErrorAsync(otherGet, HttpStatusCode.NotFound);
        await ErrorAssertions.AssertOpenAIErrorAsync(otherCancel, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, adminGet.StatusCode);
        await AsyncJobs.WaitForAsync(owner, second, Done);
    }

    [Fact]
    public async Task Webhook_GetsOneSignedCall_WhenTheReceiverAnswers()
    {
        using var receiver = new WebhookReceiver();
        using var http = stack.CreateHttpClient();

        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", WithWebhook(receiver.Url))).GetProperty("id").GetString()!;
        await receiver.WaitForCallsAsync(id, 1, Done);
        var job = await AsyncJobs.WaitForAsync(http, id, Done);
        await AsyncJobs.WaitForOrchestrationAsync(stack.Storage, id, Done, AsyncJobs.OrchestrationEnded); // no call can come after this

        var call = Assert.Single(receiver.Calls, c => c.JobId == id);
        Assert.True(WebhookReceiver.IsSignedWith(call, stack.UserWebhookSecret), $"bad signature: {call.Signature}");
        Assert.False(WebhookReceiver.IsSignedWith(call, stack.Secrets.WebhookSigningSecret)); // the key has its own: the legacy one does not sign
        Assert.Equal("msg_" + id, call.Id);
        Assert.InRange(long.Parse(call.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal("succeeded", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(job.GetProperty("result").ToString(), body.RootElement.GetProperty("result").ToString());
        var delivery = Assert.Single(job.GetProperty("webhook_deliveries").EnumerateArray());
        Assert.Equal(200, delivery.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task Webhook_IsCalledOnceMore_AfterTheReceiverFirstAnswers500()
    {
        using var receiver = new WebhookReceiver(500);
        using var http = stack.CreateHttpClient();

        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", WithWebhook(receiver.Url))).GetProperty("id").GetString()!;
        var calls = await receiver.WaitForCallsAsync(id, 2, Done);
        await AsyncJobs.WaitForOrchestrationAsync(stack.Storage, id, Done, AsyncJobs.OrchestrationEnded); // no call can come after this

        Assert.Equal([500, 200], receiver.Calls.Where(c => c.JobId == id).Select(c => c.AnsweredWith));
        Assert.All(calls, c => Assert.True(WebhookReceiver.IsSignedWith(c, stack.UserWebhookSecret)));
        Assert.Equal(calls[0].Id, calls[1].Id); // the same webhook-id: receivers drop duplicates by it
        Assert.Equal(calls[0].Body, calls[1].Body);

        // Each attempt is recorded and visible to the owner.
        var job = await AsyncJobs.WaitForAsync(http, id, Done);
        var deliveries = job.GetProperty("webhook_deliveries").EnumerateArray().ToArray();
        Assert.Equal([1, 2], deliveries.Select(d => d.GetProperty("attempt").GetInt32()));
        Assert.Equal([500, 200], deliveries.Select(d => d.GetProperty("status_code").GetInt32()));
    }

    [Fact]
    public async Task KeysDefaultWebhook_IsCalled_UnlessTheJobNamesItsOwn()
    {
        using var keyDefault = new WebhookReceiver();
        using var ownHook = new WebhookReceiver();
        var (keyId, secret) = await stack.CreateKeyAsync($$"""{"name":"jobs-default-hook","owner":"jobs-default-hook","webhook":"{{keyDefault.Url}}"}""");
        using var http = stack.CreateHttpClient(key: secret);
        using var admin = stack.CreateAdminClient();

        var plain = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"default","max_tokens":2}""")).GetProperty("id").GetString()!;
        var named = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", WithWebhook(ownHook.Url))).GetProperty("id").GetString()!;
        await keyDefault.WaitForCallsAsync(plain, 1, Done);
        await ownHook.WaitForCallsAsync(named, 1, Done);
        using var shown = JsonDocument.Parse(await (await admin.SendAsync(HttpMethod.Get, $"v1/admin/keys/{keyId}")).Content.ReadAsStringAsync());
        using var cleared = await admin.SendAsync(HttpMethod.Patch, $"v1/admin/keys/{keyId}", """{"webhook":""}""");
        using var badHook = await admin.SendAsync(HttpMethod.Patch, $"v1/admin/keys/{keyId}", """{"webhook":"not a url"}""");

        Assert.Single(keyDefault.Calls, c => c.JobId == plain);
        Assert.DoesNotContain(keyDefault.Calls, c => c.JobId == named);
        Assert.Single(ownHook.Calls, c => c.JobId == named);
        Assert.Equal(keyDefault.Url, shown.RootElement.GetProperty("webhook").GetString());
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        using (var after = JsonDocument.Parse(await cleared.Content.ReadAsStringAsync()))
        {
            Assert.False(after.RootElement.TryGetProperty("webhook", out var hook) && hook.ValueKind == JsonValueKind.String);
        }

        await ErrorAssertions.AssertOpenAIErrorAsync(badHook, HttpStatusCode.BadRequest, "webhook");
    }

    [Theory]
    [InlineData("""{"model":"gpt2-tiny","prompt":"x","timeout_seconds":0}""", "timeout_seconds")]
    [InlineData("""{"model":"gpt2-tiny","prompt":"x","webhook":"ftp://example.com/hook"}""", "webhook")]
    [InlineData("""{"model":"gpt2-tiny","prompt":"x","max_tokens":-1}""", "max_tokens")]
    [InlineData("""{"model":"no-such-model","prompt":"x"}""", "model")]
    public async Task Submit_WithABadField_Is400NamingIt(string body, string param)
    {
        using var http = stack.CreateHttpClient();

        using var response = await http.PostAsync("v1/async/completions", Json(body));

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, response.StatusCode == HttpStatusCode.NotFound ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    private static string WithWebhook(string url) =>
        $$"""{"model":"gpt2-tiny","prompt":"Call me back","max_tokens":4,"webhook":"{{url}}"}""";

    private static string Text(JsonElement completion) => completion.GetProperty("choices")[0].GetProperty("text").GetString()!;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
