using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Worker.Tests.Serving;

/// <summary>
/// The serve mode's routes as the API calls them, in memory: the worker key, whole and streamed answers (one
/// algorithm: the same seed gives the same text either way), the API's token budget, stopping a call, embeddings.
/// </summary>
public sealed class ServeEndpointsTests(ServeModeHost worker) : IClassFixture<ServeModeHost>
{
    [Fact]
    public async Task ACallerWithoutTheWorkerKey_IsRefused_WithAnOpenAIError()
    {
        using var client = worker.CreateClient(authenticated: false);

        using var response = await client.PostAsJsonAsync("/v1/completions", new { model = "gpt2-tiny", prompt = "Hi" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ACompletion_StreamedOrWhole_GivesTheSameTextAndUsage_ForOneSeed()
    {
        using var client = worker.CreateClient();
        var request = new JsonObject { ["model"] = "gpt2-tiny", ["prompt"] = "Once upon a time", ["max_tokens"] = 12, ["seed"] = 11 };

        using var whole = JsonDocument.Parse(await PostAsync(client, "/v1/completions", request));
        request["stream"] = true;
        request["stream_options"] = new JsonObject { ["include_usage"] = true };
        var events = await StreamAsync(client, "/v1/completions", request);

        var streamedText = string.Concat(events.SkipLast(1).SelectMany(e => e.GetProperty("choices").EnumerateArray()).Select(c => c.GetProperty("text").GetString()));
        var wholeChoice = whole.RootElement.GetProperty("choices")[0];
        Assert.Equal(wholeChoice.GetProperty("text").GetString(), streamedText);
        Assert.Equal(whole.RootElement.GetProperty("usage").ToString(), events[^1].GetProperty("usage").ToString());
        Assert.Equal(12, whole.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", wholeChoice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task AConversationTooLongForTheChatTemplate_Is400_NotAWorkerFailure()
    {
        using var client = worker.CreateClient();
        var request = new JsonObject
        {
            ["model"] = "llama-tiny",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new string('x', 1_100_000) }),
            ["max_tokens"] = 2,
        };

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(("messages", "context_length_exceeded"), (error.GetProperty("param").GetString(), error.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task AChatCompletion_WithNOf2_AnswersTwoChoices_AndBillsBoth()
    {
        using var client = worker.CreateClient();
        var request = new JsonObject
        {
            ["model"] = "gpt2-tiny",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Tell me a story." }),
            ["max_tokens"] = 5,
            ["n"] = 2,
            ["seed"] = 3,
        };

        using var answer = JsonDocument.Parse(await PostAsync(client, "/v1/chat/completions", request));

        var choices = answer.RootElement.GetProperty("choices").EnumerateArray().ToArray();
        Assert.Equal([0, 1], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.All(choices, c => Assert.Equal("assistant", c.GetProperty("message").GetProperty("role").GetString()));
        Assert.Equal(10, answer.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("chat.completion", answer.RootElement.GetProperty("object").GetString());
    }

    [Fact]
    public async Task TheApisTokenBudget_CapsPromptAndCompletionTogether()
    {
        using var client = worker.CreateClient();
        var request = new JsonObject { ["model"] = "gpt2-tiny", ["prompt"] = "One two three four", ["max_tokens"] = 100, ["seed"] = 5 };
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = JsonContent.Create(request) };
        message.Headers.Add("x-token-budget", "7"); // what the gateway reserved

        using var response = await client.SendAsync(message);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = answer.RootElement.GetProperty("usage");
        Assert.Equal(7, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal("length", answer.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task StoppingAStreamedCall_EndsItEarly_AndReportsWhatItGenerated()
    {
        using var client = worker.CreateClient();
        var callId = "call_" + Guid.NewGuid().ToString("N");
        var request = new JsonObject { ["model"] = "gpt2-tiny", ["prompt"] = "A long tale:", ["max_tokens"] = 1000, ["stream"] = true, ["seed"] = 1 };
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = JsonContent.Create(request) };
        message.Headers.Add("x-call-id", callId);
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await reader.ReadLineAsync()); // generating

        using var stop = await client.PostAsync($"/v1/calls/{callId}/stop", null);
        using var report = JsonDocument.Parse(await stop.Content.ReadAsStringAsync());
        using var unknown = await client.PostAsync("/v1/calls/call_unknown/stop", null);

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("stopped", report.RootElement.GetProperty("status").GetString());
        Assert.InRange(report.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 999);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Embeddings_AreUnitVectors_OnePerInput()
    {
        using var client = worker.CreateClient();

        using var answer = JsonDocument.Parse(await PostAsync(client, "/v1/embeddings", new JsonObject { ["model"] = "all-minilm-l6-v2", ["input"] = new JsonArray("a cat", "a dog") }));

        var data = answer.RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(2, data.Length);
        Assert.All(data, d =>
        {
            var vector = d.GetProperty("embedding").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(384, vector.Length);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => v * v)), 3);
        });
    }

    [Fact]
    public async Task Models_ListsTheDefaultModels_AndAnUnknownModelIs404()
    {
        using var client = worker.CreateClient();

        using var models = JsonDocument.Parse(await client.GetStringAsync("/v1/models"));
        using var unknown = await client.PostAsJsonAsync("/v1/completions", new { model = "no-such-model", prompt = "Hi" });
        using var error = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());

        var ids = models.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToArray();
        Assert.Contains("gpt2-tiny", ids);
        Assert.Contains("all-minilm-l6-v2", ids);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("model_not_found", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<string> PostAsync(HttpClient client, string path, JsonObject request)
    {
        using var response = await client.PostAsJsonAsync(path, request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    /// <summary>The data events of an SSE answer, which must end with <c>[DONE]</c>.</summary>
    private static async Task<List<JsonElement>> StreamAsync(HttpClient client, string path, JsonObject request)
    {
        var text = await PostAsync(client, path, request);
        var data = text.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", data[^1]);
        return data.SkipLast(1).Select(d => JsonDocument.Parse(Encoding.UTF8.GetBytes(d)).RootElement.Clone()).ToList();
    }
}
