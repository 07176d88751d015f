using System.Net;
using Microsoft.Extensions.Time.Testing;
using Serverless.Client.Errors;
using Serverless.Client.Jobs;

namespace Serverless.Client.Tests.Jobs;

/// <summary>
/// <see cref="ServerlessClient.WaitForCompletionAsync"/> on a fake clock: waits grow under a doubling ceiling with
/// full jitter, a Retry-After is a floor, the timeout and the cancellation token end it.
/// </summary>
public sealed class WaitForCompletionTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(3);

    private static ServerlessClient Client(ScriptedHandler handler, TimeProvider time) =>
        new(new HttpClient(handler), new ServerlessClientOptions { Endpoint = new Uri("http://api.test/v1"), ApiKey = "sk-test", PollInitialDelay = Initial, PollMaxDelay = Max }, time);

    private static Func<HttpResponseMessage> Status(string status) => () => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Job(status));

    [Fact]
    public async Task JobThatEndsAfterSeveralPolls_IsAnsweredSucceeded_AfterWaitsUnderADoublingCeiling()
    {
        var handler = new ScriptedHandler([.. Enumerable.Repeat(Status("queued"), 3), .. Enumerable.Repeat(Status("running"), 5), Status("succeeded")]);
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = Client(handler, time);

        var job = await time.RunAsync(client.WaitForCompletionAsync("job_1", TimeSpan.FromMinutes(5)), TimeSpan.FromMilliseconds(20));

        Assert.Equal(AsyncJobStatus.Succeeded, job.Status);
        Assert.Equal(9, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("http://api.test/v1/async/completions/job_1", r.RequestUri!.AbsoluteUri));
        Assert.All(handler.Requests, r => Assert.Equal("Bearer sk-test", r.Headers.Authorization!.ToString()));
        var waits = time.Waits;
        Assert.Equal(8, waits.Count);
        double[] ceilings = [0.2, 0.4, 0.8, 1.6, 3, 3, 3, 3];
        for (var i = 0; i < waits.Count; i++)
        {
            Assert.InRange(waits[i].TotalSeconds, 0, ceilings[i]);
        }
    }

    [Fact]
    public async Task PollAnswered503WithRetryAfter_WaitsAtLeastThatLong_ThenGoesOn()
    {
        var handler = new ScriptedHandler(
            () => ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":{"message":"busy","type":"server_error","param":null,"code":"storage_unavailable"}}""", TimeSpan.FromSeconds(7)),
            Status("succeeded"));
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = Client(handler, time);

        var job = await time.RunAsync(client.WaitForCompletionAsync("job_1", TimeSpan.FromMinutes(1)), TimeSpan.FromMilliseconds(100));

        Assert.Equal(AsyncJobStatus.Succeeded, job.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(time.Waits)); // far above the first ceiling of 200 ms
    }

    [Fact]
    public async Task RunningJobWithRetryAfterOnItsAnswer_IsPolledNoSoonerThanItAsks()
    {
        var handler = new ScriptedHandler(() => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Job("running"), TimeSpan.FromSeconds(2)), Status("succeeded"));
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = Client(handler, time);

        await time.RunAsync(client.WaitForCompletionAsync("job_1", TimeSpan.FromMinutes(1)), TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(time.Waits));
    }

    [Fact]
    public async Task JobThatNeverEnds_ThrowsJobWaitTimeoutWithTheLastSeenJob_WhenTheTimeoutPasses()
    {
        var handler = new ScriptedHandler(Status("running"));
        var fake = new FakeTimeProvider();
        var time = new RecordingTimeProvider(fake);
        using var client = Client(handler, time);
        var start = fake.GetUtcNow();

        var failure = await Assert.ThrowsAsync<JobWaitTimeoutException>(
            () => time.RunAsync(client.WaitForCompletionAsync("job_1", TimeSpan.FromSeconds(10)), TimeSpan.FromMilliseconds(50)));

        Assert.Equal("job_1", failure.JobId);
        Assert.Equal(AsyncJobStatus.Running, failure.LastSeen?.Status);
        Assert.InRange((fake.GetUtcNow() - start).TotalSeconds, 10, 10.2);
        Assert.InRange(time.Waits.Sum(w => w.TotalSeconds), 8, 10.001); // the last wait is cut to the deadline, then one last poll
        Assert.InRange(handler.Requests.Count, 5, 60); // backed off: polling every 200 ms would be 50
    }

    [Fact]
    public async Task CancelledToken_EndsTheWaitAtOnce_WithoutMorePolls()
    {
        var handler = new ScriptedHandler(Status("queued"));
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = Client(handler, time);
        using var cancellation = new CancellationTokenSource();

        var wait = client.WaitForCompletionAsync("job_1", TimeSpan.FromMinutes(1), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task PollsThatGetNoAnswer_AreWaitedOut_UntilTheJobEnds()
    {
        var handler = new ScriptedHandler(
            () => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"),
            () => ScriptedHandler.Json(HttpStatusCode.BadGateway, "<html>bad gateway</html>"),
            Status("succeeded"));
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        using var client = Client(handler, time);

        var job = await time.RunAsync(client.WaitForCompletionAsync("job_1", TimeSpan.FromMinutes(1)), TimeSpan.FromMilliseconds(20));

        Assert.Equal(AsyncJobStatus.Succeeded, job.Status);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task UnknownJob_Is404_NotWaitedOut()
    {
        var handler = new ScriptedHandler(() => ScriptedHandler.Json(HttpStatusCode.NotFound, """{"error":{"message":"No job job_1.","type":"invalid_request_error","param":"id","code":"not_found"}}"""));
        using var client = Client(handler, new FakeTimeProvider());

        var error = await Assert.ThrowsAsync<ServerlessApiException>(() => client.WaitForCompletionAsync("job_1", TimeSpan.FromMinutes(1)));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("id", error.Param);
        Assert.Single(handler.Requests);
    }
}
