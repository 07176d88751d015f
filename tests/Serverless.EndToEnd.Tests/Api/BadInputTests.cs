using System.Net;
using System.Text;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>Malformed and hostile requests through the API: each a 4xx in OpenAI's shape with a request id, never a 5xx.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class BadInputTests(LocalStackFixture stack)
{
    private const string Chat = "v1/chat/completions";

    public static TheoryData<string, string?> BadBodies => new()
    {
        { "{\"model\": \"gpt2-tiny\", \"messages\": [", null },
        { "not json at all", null },
        { "[1, 2, 3]", null },
        { """{"model":"gpt2-tiny","messages":"hello"}""", "messages" },
        { """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":"ten"}""", "max_tokens" },
        { """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"n":1.5}""", "n" },
        { """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"stream":"yes"}""", "stream" },
        { """{"model":42,"messages":[{"role":"user","content":"hi"}]}""", "model" },
        { """{"messages":[{"role":"user","content":"hi"}]}""", "model" },
        { """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"temperature":9}""", "temperature" },
        { """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"stop":[1,2]}""", "stop" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Chat_WithBadBody_Is400NamingTheField(string body, string? param)
    {
        using var http = stack.CreateHttpClient();

        using var response = await http.PostAsync(Chat, new StringContent(body, Encoding.UTF8, "application/json"));

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, param);
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task TopPZero_IsTheMostLikelyTokenEachStep_LikeTemperatureZero()
    {
        using var http = stack.CreateHttpClient();
        const string Body = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Count with me"}],"max_tokens":8,"temperature":1.3,"top_p":0}""";

        using var topP = await http.PostAsync(Chat, new StringContent(Body, Encoding.UTF8, "application/json"));
        using var greedy = await http.PostAsync(Chat, new StringContent(Body.Replace("\"temperature\":1.3,\"top_p\":0", "\"temperature\":0", StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, topP.StatusCode);
        Assert.Equal(Content(await topP.Content.ReadAsStringAsync()), Content(await greedy.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("v1/completions", """{"model":"gpt2-tiny","prompt":"Hello","max_tokens":2147483647}""")]
    [InlineData("v1/chat/completions", """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":2147483647}""")]
    public async Task Worker_WithTheLargestMaxTokens_Is400ContextLength_NotACrash(string path, string body)
    {
        using var worker = stack.CreateHttpClient(direct: true);

        using var response = await worker.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "max_tokens");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
    }

    private static string Content(string answer) =>
        System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    [Fact]
    public async Task Chat_WithUnknownFieldsOfAnyType_IsServed()
    {
        using var http = stack.CreateHttpClient();
        const string body = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":2,"prediction":{"weird":[1,{"x":null}]},"store":"maybe"}""";

        using var response = await http.PostAsync(Chat, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Chat_WithTenMegabyteBody_Is413()
    {
        using var http = stack.CreateHttpClient();
        var body = "{\"model\":\"gpt2-tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('a', 10 * 1024 * 1024) + "\"}]}";

        using var response = await http.PostAsync(Chat, new StringContent(body, Encoding.UTF8, "application/json"));

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Chat_WithWrongContentType_Is415()
    {
        using var http = stack.CreateHttpClient();

        using var response = await http.PostAsync(Chat, new StringContent("model=gpt2-tiny", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("GET", "v1/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("GET", "favicon.ico", HttpStatusCode.NotFound)]
    [InlineData("GET", "v1/models/no-such-model", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "v1/models", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "v1/chat/completions", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "v1/embeddings", HttpStatusCode.MethodNotAllowed)]
    public async Task UnservedRoutesAndMethods_AreOpenAIErrors(string method, string path, HttpStatusCode status)
    {
        using var http = stack.CreateHttpClient();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ErrorAssertions.AssertOpenAIErrorAsync(response, status);
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task EveryAnswer_EchoesAWellFormedCallerRequestId()
    {
        using var http = stack.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("x-request-id", "trace-me-123");

        using var response = await http.SendAsync(request);

        Assert.Equal("trace-me-123", response.Headers.GetValues("x-request-id").Single());
    }

    [Fact]
    public async Task Embeddings_WithWrongDimensions_Is400()
    {
        using var http = stack.CreateHttpClient();
        const string body = """{"model":"all-minilm-l6-v2","input":"hello","dimensions":1536}""";

        using var response = await http.PostAsync("v1/embeddings", new StringContent(body, Encoding.UTF8, "application/json"));

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "dimensions");
    }
}
