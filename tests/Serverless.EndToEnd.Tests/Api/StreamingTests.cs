using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>Server-sent events through the gateway: incremental delivery, the aliases, rejection before the first byte, disconnects.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class StreamingTests(LocalStackFixture stack)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Chunks_ReachTheClientWhileTheWorkerIsStillGenerating()
    {
        using var http = stack.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = Json("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"Tell me everything."}],"max_tokens":300,"stream":true}"""),
        };
        var clock = Stopwatch.StartNew();

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? firstContent = null;
        var events = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal))
            {
                events++;
                if (events == 2)
                {
                    firstContent = clock.Elapsed;
                }
            }
        }

        var total = clock.Elapsed;
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(events > 10, $"{events} events");
        Assert.NotNull(firstContent);
        Assert.True(firstContent < total * 0.5, $"first token after {firstContent!.Value.TotalMilliseconds:F0} ms of {total.TotalMilliseconds:F0} ms");
    }

    [Theory]
    [InlineData("v1/streaming/chat", """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":3}""", "chat.completion.chunk")]
    [InlineData("v1/streaming/completions", """{"model":"gpt2-tiny","prompt":"hi","max_tokens":3}""", "text_completion")]
    public async Task StreamingAliases_StreamWithoutBeingAsked(string path, string body, string objectType)
    {
        using var http = stack.CreateHttpClient();

        using var response = await http.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"object\":\"{objectType}\"", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(": usage", text, StringComparison.Ordinal); // the worker's billing comments stay inside
    }

    [Fact]
    public async Task RejectedStream_IsAPlainJsonError_NotAnEventStream()
    {
        using var http = stack.CreateHttpClient(key: "sk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        using var response = await http.PostAsync("v1/chat/completions", Json("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"stream":true}"""));

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithoutIncludeUsage_NoUsageChunkReachesTheClient()
    {
        using var http = stack.CreateHttpClient();

        using var response = await http.PostAsync("v1/completions", Json("""{"model":"gpt2-tiny","prompt":"hi","max_tokens":4,"stream":true}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("\"usage\"", text, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"length\"", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }
}
