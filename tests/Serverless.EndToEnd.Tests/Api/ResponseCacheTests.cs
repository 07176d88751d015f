using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// The response cache through the real API and worker: a key or tier that opted in gets an exact repeat of a
/// deterministic request from the cache (<c>x-cache: hit</c>, the same bytes), billed at the model's cached price and
/// counted as cached in usage; what is not deterministic, not opted in, or refused by <c>Cache-Control</c> is not.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class ResponseCacheTests(LocalStackFixture stack)
{
    private static readonly string Greedy =
        $$"""{"model":"{{LocalStackFixture.LlamaModel}}","messages":[{"role":"user","content":"say something cached"}],"max_tokens":6,"temperature":0}""";

    [Fact]
    public async Task ARepeat_IsServedFromTheCache_ByteForByte_AndBilledAtTheCachedPrice()
    {
        var price = await SetCachedPriceAsync(LocalStackFixture.LlamaModel, 0.0002m);
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-a","limits":{"response_cache":true}}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var first = await http.PostAsync("v1/chat/completions", Json(Greedy));
        using var second = await http.PostAsync("v1/chat/completions", Json(Greedy));
        // The same request written differently, for another end user: the same answer.
        using var third = await http.PostAsync("v1/chat/completions", Json(
            $$"""{ "temperature": 0, "max_tokens": 6, "user": "someone-else", "messages": [{"content": "say something cached", "role": "user"}], "model": "{{LocalStackFixture.LlamaModel}}" }"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("miss", "hit", "hit"), (CacheOf(first), CacheOf(second), CacheOf(third)));
        var generated = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(generated, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(generated, await third.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);

        using var answer = JsonDocument.Parse(generated);
        var usage = answer.RootElement.GetProperty("usage");
        var (prompt, completion) = (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32());
        var total = await stack.UsageTotalAsync("cache-a", 3);
        Assert.Equal(3, total.GetProperty("requests").GetInt64());
        Assert.Equal(2, total.GetProperty("cached").GetInt64());
        Assert.Equal(3L * (prompt + completion), total.GetProperty("total_tokens").GetInt64());
        var full = ((prompt * price.Input) + (completion * price.Output)) / 1000m;
        var cached = (prompt + completion) * 0.0002m / 1000m;
        Assert.Equal(full + (2 * cached), total.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task CacheControl_NoCache_GeneratesAndKeeps_NoStore_NeitherReadsNorKeeps()
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-b","limits":{"response_cache":true}}""");
        using var http = stack.CreateHttpClient(key: secret);
        var body = Greedy.Replace("say something cached", "cache control", StringComparison.Ordinal);

        using var noStore = await SendAsync(http, body, new CacheControlHeaderValue { NoStore = true });
        using var afterNoStore = await SendAsync(http, body, null);
        using var noCache = await SendAsync(http, body, new CacheControlHeaderValue { NoCache = true });
        using var afterNoCache = await SendAsync(http, body, null);

        Assert.Equal(HttpStatusCode.OK, noStore.StatusCode);
        Assert.Null(CacheOf(noStore));
        Assert.Equal("miss", CacheOf(afterNoStore)); // no-store kept nothing, so this one was generated (and kept)
        Assert.Equal("miss", CacheOf(noCache)); // generated though a copy was kept
        Assert.Equal("hit", CacheOf(afterNoCache));
    }

    [Fact]
    public async Task WhatIsNotDeterministic_OrNotOptedIn_IsNeverCached()
    {
        var (_, optedIn) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-c","limits":{"response_cache":true}}""");
        var (_, plain) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-c"}""");
        using var cachingKey = stack.CreateHttpClient(key: optedIn);
        using var plainKey = stack.CreateHttpClient(key: plain);
        var sampled = Greedy.Replace("\"temperature\":0", "\"temperature\":0.8", StringComparison.Ordinal);
        var streamed = Greedy.Replace("\"temperature\":0", "\"temperature\":0,\"stream\":true", StringComparison.Ordinal);
        var seeded = Greedy.Replace("\"temperature\":0", "\"temperature\":0.8,\"seed\":7", StringComparison.Ordinal);

        foreach (var _ in new[] { 1, 2 })
        {
            using var sampledAnswer = await cachingKey.PostAsync("v1/chat/completions", Json(sampled));
            using var streamedAnswer = await cachingKey.PostAsync("v1/chat/completions", Json(streamed));
            using var plainAnswer = await plainKey.PostAsync("v1/chat/completions", Json(Greedy));
            Assert.Equal(HttpStatusCode.OK, sampledAnswer.StatusCode);
            Assert.Equal(HttpStatusCode.OK, streamedAnswer.StatusCode);
            Assert.Equal(HttpStatusCode.OK, plainAnswer.StatusCode);
            Assert.Equal((null, null, null), (CacheOf(sampledAnswer), CacheOf(streamedAnswer), CacheOf(plainAnswer)));
        }

        using var seededFirst = await cachingKey.PostAsync("v1/chat/completions", Json(seeded));
        using var seededSecond = await cachingKey.PostAsync("v1/chat/completions", Json(seeded));
        Assert.Equal(("miss", "hit"), (CacheOf(seededFirst), CacheOf(seededSecond)));
    }

    [Fact]
    public async Task OneOwnersAnswers_AreNeverServedToAnother()
    {
        var (_, first) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-d","limits":{"response_cache":true}}""");
        var (_, sameOwner) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-d","limits":{"response_cache":true}}""");
        var (_, otherOwner) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-e","limits":{"response_cache":true}}""");
        var body = Greedy.Replace("say something cached", "per owner", StringComparison.Ordinal);

        using var a = await PostAsync(first, body);
        using var b = await PostAsync(sameOwner, body);
        using var c = await PostAsync(otherOwner, body);

        Assert.Equal(("miss", "hit", "miss"), (CacheOf(a), CacheOf(b), CacheOf(c)));
    }

    [Fact]
    public async Task ATiersOptIn_CoversItsKeys_AndEmbeddingsAreCached()
    {
        using var admin = stack.CreateAdminClient();
        using var tier = await admin.SendAsync(HttpMethod.Put, "v1/admin/tiers/cached", """{"limits":{"rpm":1000,"response_cache":true}}""");
        Assert.Equal(HttpStatusCode.OK, tier.StatusCode);
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-f","tier":"cached"}""");
        var (_, optedOut) = await stack.CreateKeyAsync("""{"name":"cache","owner":"cache-f","tier":"cached","limits":{"response_cache":false}}""");
        var embedding = $$"""{"model":"{{LocalStackFixture.EmbeddingModel}}","input":["cache me","and me"]}""";

        using var first = await PostAsync(secret, embedding, "v1/embeddings");
        using var second = await PostAsync(secret, embedding, "v1/embeddings");
        using var keyOptedOut = await PostAsync(optedOut, embedding, "v1/embeddings");

        Assert.Equal(("miss", "hit", null), (CacheOf(first), CacheOf(second), CacheOf(keyOptedOut)));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    private async Task<(decimal Input, decimal Output)> SetCachedPriceAsync(string model, decimal cached)
    {
        using var admin = stack.CreateAdminClient();
        using var current = await admin.SendAsync(HttpMethod.Get, $"v1/admin/prices/{model}");
        using var price = JsonDocument.Parse(await current.Content.ReadAsStringAsync());
        var (input, output) = (price.RootElement.GetProperty("input_per_1k").GetDecimal(), price.RootElement.GetProperty("output_per_1k").GetDecimal());
        using var put = await admin.SendAsync(HttpMethod.Put, $"v1/admin/prices/{model}", $$"""{"input_per_1k":{{input}},"output_per_1k":{{output}},"cached_per_1k":{{cached}}}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var stored = JsonDocument.Parse(await put.Content.ReadAsStringAsync());
        Assert.Equal(cached, stored.RootElement.GetProperty("cached_per_1k").GetDecimal());
        return (input, output);
    }

    private async Task<HttpResponseMessage> PostAsync(string secret, string body, string path = "v1/chat/completions")
    {
        using var http = stack.CreateHttpClient(key: secret);
        return await http.PostAsync(path, Json(body));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string body, CacheControlHeaderValue? cacheControl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Json(body) };
        request.Headers.CacheControl = cacheControl;
        return await http.SendAsync(request);
    }

    private static string? CacheOf(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("x-cache", out var values) ? values.Single() : null;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
