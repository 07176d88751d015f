using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>Limits through the real API on Azurite: 429s in OpenAI's shape with the seed's fields, headers, tiers, the quota API.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class QuotaTests(LocalStackFixture stack)
{
    private const string ChatBody = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":1}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task RequestsPerMinute_AdmitsTheLimit_ThenAnswers429WithRetryAfterUsageAndTheSameRateLimitHeaders()
    {
        await MinuteBoundary.AvoidAsync();
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"rpm3","owner":"quota-a","limits":{"rpm":3}}""");
        using var http = stack.CreateHttpClient(key: secret);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await http.PostAsync("v1/chat/completions", Json(ChatBody)));
        }

        Assert.Equal([200, 200, 200, 429, 429], responses.Select(r => (int)r.StatusCode));
        Assert.Equal("3", responses[0].Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("2", responses[0].Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("0", responses[2].Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Matches(@"^\d+(\.\d+)?s$", responses[0].Headers.GetValues("x-ratelimit-reset-requests").Single());
        var rejected = responses[3];
        Assert.Equal("3", rejected.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("0", rejected.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Matches(@"^\d+(\.\d+)?s$", rejected.Headers.GetValues("x-ratelimit-reset-requests").Single());
        var retryAfter = int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var error = await ErrorAssertions.AssertOpenAIErrorAsync(rejected, HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(3, error.GetProperty("current_usage").GetProperty("requests_limit_per_min").GetInt64());
        Assert.Equal(3, error.GetProperty("current_usage").GetProperty("requests_per_min").GetInt64());
        Assert.Equal(retryAfter, error.GetProperty("retry_after").GetInt32());

        // The refusals are counted in usage apart from the billed requests.
        using var usage = JsonDocument.Parse(await http.GetStringAsync("v1/usage"));
        var total = usage.RootElement.GetProperty("total");
        Assert.Equal((3L, 2L, 0L), (total.GetProperty("requests").GetInt64(), total.GetProperty("rate_limited").GetInt64(), total.GetProperty("errors").GetInt64()));
    }

    [Fact]
    public async Task DailyRequests_Exhausted_IsInsufficientQuota()
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"rpd1","owner":"quota-b","limits":{"rpd":1}}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var first = await http.PostAsync("v1/embeddings", Json("""{"model":"all-minilm-l6-v2","input":"x"}"""));
        using var second = await http.PostAsync("v1/embeddings", Json("""{"model":"all-minilm-l6-v2","input":"x"}"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var error = await ErrorAssertions.AssertOpenAIErrorAsync(second, HttpStatusCode.TooManyRequests);
        Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TokensPerMinute_RefusesARequestWhoseMaxTokensCannotFit()
    {
        await MinuteBoundary.AvoidAsync();
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"tpm","owner":"quota-c","limits":{"tpm":100}}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var small = await http.PostAsync("v1/completions", Json("""{"model":"gpt2-tiny","prompt":"hi","max_tokens":5}"""));
        using var large = await http.PostAsync("v1/completions", Json("""{"model":"gpt2-tiny","prompt":"hi","max_tokens":500}"""));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("100", small.Headers.GetValues("x-ratelimit-limit-tokens").Single());
        Assert.Equal("100", large.Headers.GetValues("x-ratelimit-limit-tokens").Single());
        Assert.True(long.Parse(large.Headers.GetValues("x-ratelimit-remaining-tokens").Single(), System.Globalization.CultureInfo.InvariantCulture) < 100);
        var error = await ErrorAssertions.AssertOpenAIErrorAsync(large, HttpStatusCode.TooManyRequests);
        Assert.Equal(100, error.GetProperty("current_usage").GetProperty("tokens_limit_per_min").GetInt64());
    }

    [Fact]
    public async Task FailedCalls_GiveTheirReservationBack()
    {
        await MinuteBoundary.AvoidAsync();
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"release","owner":"quota-d","limits":{"rpm":2}}""");
        using var http = stack.CreateHttpClient(key: secret);

        // Refused by the worker (context too long for max_tokens): not admitted for real, so not counted.
        for (var i = 0; i < 3; i++)
        {
            using var refused = await http.PostAsync("v1/completions", Json("""{"model":"gpt2-tiny","prompt":"hi","max_tokens":1024}"""));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var ok = await http.PostAsync("v1/chat/completions", Json(ChatBody));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Tiers_AreDataAnAdminEdits_AndKeysFollowThem()
    {
        await MinuteBoundary.AvoidAsync();
        using var admin = stack.CreateAdminClient();
        using var put = await admin.SendAsync(HttpMethod.Put, "v1/admin/tiers/bronze", """{"limits":{"rpm":2},"model_limits":{"all-minilm-l6-v2":{"rpm":1}}}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"bronze-key","owner":"quota-e","tier":"bronze"}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var embedding1 = await http.PostAsync("v1/embeddings", Json("""{"model":"all-minilm-l6-v2","input":"x"}"""));
        using var embedding2 = await http.PostAsync("v1/embeddings", Json("""{"model":"all-minilm-l6-v2","input":"x"}"""));
        using var chat = await http.PostAsync("v1/chat/completions", Json(ChatBody));
        using var chat2 = await http.PostAsync("v1/chat/completions", Json(ChatBody));

        Assert.Equal(HttpStatusCode.OK, embedding1.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, embedding2.StatusCode); // the tier's per-model limit
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, chat2.StatusCode); // the tier's key-wide limit: 2 used
    }

    [Theory]
    [InlineData("""{"limits":{"rpm":0}}""", "limits.rpm")]
    [InlineData("""{"limits":{"max_concurrency":-1}}""", "limits.max_concurrency")]
    [InlineData("""{"model_limits":{"gpt2-tiny":{"tpd":0}}}""", "model_limits.gpt2-tiny.tpd")]
    [InlineData("""{"model_limits":{"gpt2-tiny":{"priority":"high"}}}""", "model_limits.gpt2-tiny.priority")]
    [InlineData("""{"model_limits":{"gpt2-tiny":{"response_cache":true}}}""", "model_limits.gpt2-tiny.response_cache")]
    public async Task AdminTier_WithBadLimits_Is400(string body, string param)
    {
        using var admin = stack.CreateAdminClient();

        using var response = await admin.SendAsync(HttpMethod.Put, "v1/admin/tiers/broken", body);

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, param);
    }

    [Fact]
    public async Task QuotaApi_ShowsLimitsAndWhatIsLeft()
    {
        await MinuteBoundary.AvoidAsync();
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"quota-view","owner":"quota-f","limits":{"rpm":1000,"rpd":5000}}""");
        using var http = stack.CreateHttpClient(key: secret);
        await http.PostAsync("v1/chat/completions", Json(ChatBody));

        using var document = JsonDocument.Parse(await http.GetStringAsync("v1/quota"));

        var root = document.RootElement;
        Assert.Equal("quota", root.GetProperty("object").GetString());
        Assert.Equal(1000, root.GetProperty("limits").GetProperty("rpm").GetInt64());
        var rpd = root.GetProperty("usage").EnumerateArray().Single(l => l.GetProperty("limit").GetString() == "rpd");
        Assert.Equal(5000, rpd.GetProperty("value").GetInt64());
        var rpm = root.GetProperty("usage").EnumerateArray().Single(l => l.GetProperty("limit").GetString() == "rpm");

        // One instance serves the stack: the block it leased and has not used is not shown as used.
        Assert.Equal((1L, 4999L), (rpd.GetProperty("used").GetInt64(), rpd.GetProperty("remaining").GetInt64()));
        Assert.Equal((1L, 999L), (rpm.GetProperty("used").GetInt64(), rpm.GetProperty("remaining").GetInt64()));
        var jobs = root.GetProperty("usage").EnumerateArray().Single(l => l.GetProperty("limit").GetString() == "jobs");
        Assert.Equal((64L, 0L), (jobs.GetProperty("value").GetInt64(), jobs.GetProperty("used").GetInt64())); // Jobs:DefaultMaxJobs
    }
}
