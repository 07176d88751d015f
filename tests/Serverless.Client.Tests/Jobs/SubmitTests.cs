using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;
using Serverless.Client.Jobs;

namespace Serverless.Client.Tests.Jobs;

/// <summary>What a submit sends: the OpenAI body (from JSON or the OpenAI SDK's types) plus the job's webhook and timeout.</summary>
public sealed class SubmitTests
{
    private static ServerlessClient Client(ScriptedHandler handler) =>
        new(new HttpClient(handler), new ServerlessClientOptions { Endpoint = new Uri("http://api.test/v1"), ApiKey = "sk-test" }, new FakeTimeProvider());

    private static ScriptedHandler Accepting() => new(() => ScriptedHandler.Json(HttpStatusCode.Accepted, ScriptedHandler.Job("queued")));

    [Fact]
    public async Task CompletionJob_PostsTheBodyWithWebhookAndTimeout_AndLeavesTheCallersObjectAsItWas()
    {
        var handler = Accepting();
        using var client = Client(handler);
        var request = new JsonObject { ["model"] = "gpt2-tiny", ["prompt"] = "hi", ["max_tokens"] = 4 };

        var job = await client.SubmitCompletionAsync(request, new AsyncJobOptions(new Uri("https://hooks.example.com/jobs"), TimeSpan.FromMinutes(10)));

        Assert.Equal("job_1", job.Id);
        Assert.Equal(AsyncJobStatus.Queued, job.Status);
        Assert.False(job.HasEnded);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("http://api.test/v1/async/completions", sent.RequestUri!.AbsoluteUri);
        using var body = JsonDocument.Parse(Assert.Single(handler.Bodies));
        Assert.Equal("hi", body.RootElement.GetProperty("prompt").GetString());
        Assert.Equal("https://hooks.example.com/jobs", body.RootElement.GetProperty("webhook").GetString());
        Assert.Equal(600, body.RootElement.GetProperty("timeout_seconds").GetDouble());
        Assert.False(request.ContainsKey("webhook"));
    }

    [Fact]
    public async Task ChatJobFromTheOpenAISdksTypes_SendsModelMessagesAndOptionsAsTheSdkWritesThem()
    {
        var handler = Accepting();
        using var client = Client(handler);

        await client.SubmitChatCompletionAsync(
            "gpt2-tiny",
            [new SystemChatMessage("Be brief."), new UserChatMessage("Hello")],
            new ChatCompletionOptions { MaxOutputTokenCount = 8, Temperature = 0 });

        Assert.Equal("http://api.test/v1/async/chat/completions", Assert.Single(handler.Requests).RequestUri!.AbsoluteUri);
        using var body = JsonDocument.Parse(Assert.Single(handler.Bodies));
        var root = body.RootElement;
        Assert.Equal("gpt2-tiny", root.GetProperty("model").GetString());
        var messages = root.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Hello", messages[1].GetProperty("content").GetString());
        Assert.Equal(8, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(0, root.GetProperty("temperature").GetDouble());
        Assert.False(root.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task ListJobs_SendsLimitAndAfter_AndReadsThePage()
    {
        var handler = new ScriptedHandler(() => ScriptedHandler.Json(HttpStatusCode.OK,
            $$"""{"object":"list","data":[{{ScriptedHandler.Job("succeeded", "job_2")}}],"first_id":"job_2","last_id":"job_2","has_more":true}"""));
        using var client = Client(handler);

        var page = await client.ListJobsAsync(limit: 1, after: "job_3");

        Assert.Equal("http://api.test/v1/async/completions?limit=1&after=job_3", Assert.Single(handler.Requests).RequestUri!.AbsoluteUri);
        Assert.Equal("job_2", Assert.Single(page.Data).Id);
        Assert.True(page.HasMore);
        Assert.Equal("job_2", page.LastId);
    }

    [Fact]
    public async Task ListJobs_ByStatus_AsksTheApiToFilter()
    {
        var handler = new ScriptedHandler(() => ScriptedHandler.Json(HttpStatusCode.OK,
            $$"""{"object":"list","data":[{{ScriptedHandler.Job("cancelled", "job_9")}}],"first_id":"job_9","last_id":"job_9","has_more":false}"""));
        using var client = Client(handler);

        var page = await client.ListJobsAsync(limit: 5, after: null, status: AsyncJobStatus.Cancelled);

        Assert.Equal("http://api.test/v1/async/completions?status=cancelled&limit=5", Assert.Single(handler.Requests).RequestUri!.AbsoluteUri);
        Assert.Equal(AsyncJobStatus.Cancelled, Assert.Single(page.Data).Status);
    }
}
