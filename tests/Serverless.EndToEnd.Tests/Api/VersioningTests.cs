using System.Net;
using System.Text;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>The API version on the real stack's answers, where a stream is a stream.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class VersioningTests(LocalStackFixture stack)
{
    [Theory]
    [InlineData("v1/chat/completions")]
    [InlineData("v1/chat/completions?api-version=2026-12-01")]
    [InlineData("v1/streaming/chat")]
    public async Task AStreamedAnswer_SaysWhichVersionServedIt(string path)
    {
        using var http = stack.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":3,"stream":true}""", Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("data: [DONE]", body.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("2026-12-01", Assert.Single(response.Headers.GetValues("x-api-version")));
    }

    [Fact]
    public async Task AnUnknownVersion_IsRefusedBeforeAnyTokenIsSpent()
    {
        using var http = stack.CreateHttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":3,"stream":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Version", "2019-01-01");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"param\":\"X-API-Version\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
