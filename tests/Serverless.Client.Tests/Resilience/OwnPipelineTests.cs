using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Serverless.Client.Errors;

namespace Serverless.Client.Tests.Resilience;

/// <summary>A client made without dependency injection has the same resilience pipeline: reads retried, a submit answered 5xx not.</summary>
public sealed class OwnPipelineTests
{
    private static readonly ServerlessClientOptions Options = new() { Endpoint = new Uri("http://api.test/v1"), ApiKey = "sk-test" };

    [Fact]
    public async Task SubmitAnswered500_IsSentOnce_AndThrows()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = new ServerlessClient(Options, time, handler);

        var error = await Assert.ThrowsAsync<ServerlessApiException>(
            () => time.RunAsync(client.SubmitCompletionAsync(new JsonObject { ["model"] = "gpt2-tiny", ["prompt"] = "hi" }), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(handler.Requests); // a retry could have run and billed the job twice
    }

    [Fact]
    public async Task SubmitAnswered429WithAShortRetryAfter_IsSentAgainAfterIt()
    {
        var handler = new ScriptedHandler(
            () => ScriptedHandler.Json(HttpStatusCode.TooManyRequests, """{"error":{"message":"slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", TimeSpan.FromSeconds(3)),
            () => ScriptedHandler.Json(HttpStatusCode.Accepted, ScriptedHandler.Job("queued")));
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = new ServerlessClient(Options, time, handler);

        var job = await time.RunAsync(client.SubmitCompletionAsync(new JsonObject { ["model"] = "gpt2-tiny", ["prompt"] = "hi" }), TimeSpan.FromMilliseconds(200));

        Assert.Equal("job_1", job.Id);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(3), time.Waits);
    }

    [Fact]
    public async Task ReadAnswered503_IsRetried_UntilItSucceeds()
    {
        var handler = new ScriptedHandler(
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Job("running")));
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = new ServerlessClient(Options, time, handler);

        var job = await time.RunAsync(client.GetJobAsync("job_1"), TimeSpan.FromMilliseconds(200));

        Assert.Equal("running", job.Status);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task RetriesTurnedOff_ReadAnswered503_ThrowsAtOnce()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = new ServerlessClient(new ServerlessClientOptions { Endpoint = Options.Endpoint, ApiKey = Options.ApiKey, MaxRetryAttempts = 0 }, time, handler);

        await Assert.ThrowsAsync<ServerlessApiException>(() => time.RunAsync(client.GetQuotaAsync(), TimeSpan.FromMilliseconds(200)));

        Assert.Single(handler.Requests);
    }
}
