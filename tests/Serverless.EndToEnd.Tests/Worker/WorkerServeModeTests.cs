using System.Net;
using System.Text;
using OpenAI.Chat;

namespace Serverless.EndToEnd.Tests.Worker;

/// <summary>
/// The worker's serve mode on its own: the OpenAI SDK pointed straight at it (with the worker key), its answers to
/// bad input, and its refusal of everyone without the worker key.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class WorkerServeModeTests(LocalStackFixture stack)
{
    [Fact]
    public async Task OpenAISdk_ChatsAndStreamsDirectlyWithTheWorker()
    {
        var chat = stack.CreateOpenAIClient(direct: true).GetChatClient(LocalStackFixture.ChatModel);

        var whole = await chat.CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 4, Seed = 3 });
        var streamed = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 4, Seed = 3 }))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }
        }

        Assert.Equal(4, whole.Value.Usage.OutputTokenCount);
        Assert.Equal(whole.Value.Content[0].Text, streamed.ToString());
    }

    public static TheoryData<string, string, HttpStatusCode, string?> BadRequests => new()
    {
        { "v1/completions", """{"model":"no-such-model","prompt":"hi"}""", HttpStatusCode.NotFound, "model" },
        { "v1/completions", """{"model":"gpt2-tiny","prompt":""}""", HttpStatusCode.BadRequest, "prompt" },
        { "v1/completions", """{"model":"gpt2-tiny","prompt":"hi","max_tokens":5000}""", HttpStatusCode.BadRequest, "max_tokens" },
        { "v1/completions", """{"model":"gpt2-tiny","prompt":"hi","temperature":2.5}""", HttpStatusCode.BadRequest, "temperature" },
        { "v1/completions", """{"model":"gpt2-tiny","prompt":"hi",""", HttpStatusCode.BadRequest, null },
        { "v1/chat/completions", """{"model":"gpt2-tiny","messages":[]}""", HttpStatusCode.BadRequest, "messages" },
        { "v1/embeddings", """{"model":"all-minilm-l6-v2","input":""}""", HttpStatusCode.BadRequest, "input" },
        { "v1/embeddings", """{"model":"gpt2-tiny","input":"hello"}""", HttpStatusCode.BadRequest, "model" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_IsAnOpenAIErrorNamingTheField(string path, string body, HttpStatusCode status, string? param)
    {
        using var http = stack.CreateHttpClient(direct: true);

        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        await ErrorAssertions.AssertOpenAIErrorAsync(response, status, param);
    }

    [Fact]
    public async Task PromptLongerThanTheContext_Is400ContextLengthExceeded()
    {
        using var http = stack.CreateHttpClient(direct: true);
        var prompt = string.Concat(Enumerable.Repeat(" hello", 1100));
        var body = "{\"model\":\"gpt2-tiny\",\"prompt\":\"" + prompt + "\"}";

        using var response = await http.PostAsync("v1/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "prompt");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
    }

    public static TheoryData<string, string> WorkerRoutes => new()
    {
        { "GET", "v1/models" },
        { "POST", "v1/chat/completions" },
        { "POST", "v1/completions" },
        { "POST", "v1/embeddings" },
        { "POST", "v1/calls/call_unknown/stop" },
        { "GET", "v1/no-such-route" },
    };

    [Theory]
    [MemberData(nameof(WorkerRoutes))]
    public async Task V1_WithoutTheWorkerKey_IsRefusedWithOpenAIs401_WhateverElseIsPresented(string method, string path)
    {
        // Nothing, a wrong key, and keys the API accepts but the worker must not: only the worker key runs inference here.
        foreach (var key in new[] { string.Empty, "worker-" + Guid.NewGuid().ToString("N"), stack.UserKey, stack.Secrets.AdminKey, stack.Secrets.MetricsToken })
        {
            using var http = stack.CreateHttpClient(direct: true, key: key);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = new StringContent("""{"model":"gpt2-tiny","prompt":"hi","max_tokens":1}""", Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request);

            var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task V1_WithTheWorkerKey_Answers_AndHealthIsOpenToAnyone()
    {
        using var withKey = stack.CreateHttpClient(direct: true);
        using var anonymous = stack.CreateHttpClient(direct: true, key: string.Empty);

        using var models = await withKey.GetAsync("v1/models");
        using var alive = await anonymous.GetAsync("healthz");
        using var ready = await anonymous.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Health_AliveAndReadyListTheModels()
    {
        using var http = stack.CreateHttpClient(direct: true);

        var alive = await http.GetAsync("healthz");
        var ready = await http.GetStringAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Contains(LocalStackFixture.ChatModel, ready, StringComparison.Ordinal);
        Assert.Contains("\"provider\":\"CPU\"", ready, StringComparison.Ordinal);
    }
}
