using System.Net;
using System.Text;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>
/// Jobs that never reach a worker, on a stack of their own with no job worker running (and webhooks held to public
/// addresses, as in Azure): cancelled while queued, expired, refused webhooks. A job's reservation is what the key's
/// daily token limit shows: while one job holds it, a second the same size does not fit.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobLifecycleTests(LocalStackFixture shared)
{
    // 4 bytes of prompt and 300 tokens: a reservation of 304 tokens; two do not fit in 400.
    private const string Job = """{"model":"gpt2-tiny","prompt":"wait","max_tokens":300}""";
    private const string TightKey = """{"name":"jobs-lifecycle","owner":"jobs-lifecycle","limits":{"tpd":400}}""";
    private static readonly TimeSpan Ends = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task QueuedJob_Cancelled_EndsCancelled_ReleasesItsReservation_AndIsNeverRun()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync(TightKey));

        var queued = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", Job)).GetProperty("id").GetString()!;
        using var refused = await http.PostAsync("v1/async/completions", Json(Job));
        using var cancel = await http.DeleteAsync($"v1/async/completions/{queued}");
        var cancelled = await AsyncJobs.WaitForAsync(http, queued, Ends, "cancelled", "succeeded", "failed", "expired");
        var next = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", Job)).GetProperty("id").GetString()!;
        using var cancelNext = await http.PostAsync($"v1/async/completions/{next}/cancel", null);
        await AsyncJobs.WaitForAsync(http, next, Ends);

        // A worker that comes later finds both work messages and runs neither.
        await stack.StartJobWorkerAsync();
        await stack.JobWorker.WaitForOutputAsync($"Job {queued} skipped", Ends);
        await stack.JobWorker.WaitForOutputAsync($"Job {next} skipped", Ends);

        await ErrorAssertions.AssertOpenAIErrorAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelNext.StatusCode);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("cancelled", cancelled.GetProperty("error").GetProperty("code").GetString());
        Assert.False(cancelled.TryGetProperty("result", out _));
        Assert.Equal("cancelled", (await AsyncJobs.WaitForAsync(http, queued, Ends)).GetProperty("status").GetString());
        Assert.Equal((0, 0), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task AKeyAtItsMaxJobs_IsRefused429_UntilOneOfItsJobsEnds()
    {
        const string Small = """{"model":"gpt2-tiny","prompt":"queued","max_tokens":5}""";
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-max","owner":"jobs-max","limits":{"max_jobs":2}}"""));

        var first = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", Small)).GetProperty("id").GetString()!;
        await AsyncJobs.SubmitAsync(http, "v1/async/completions", Small);
        using var third = await http.PostAsync("v1/async/completions", Json(Small));
        using var cancel = await http.DeleteAsync($"v1/async/completions/{first}");
        await AsyncJobs.WaitForAsync(http, first, Ends, "cancelled");
        using var afterOneEnded = await http.PostAsync("v1/async/completions", Json(Small));

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(third, HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(2, error.GetProperty("current_usage").GetProperty("jobs_limit").GetInt64());
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, afterOneEnded.StatusCode);
    }

    [Fact]
    public async Task JobsCancelledTheMomentTheyAreAccepted_AllEndCancelled()
    {
        // A cancel can come before the orchestration has started; it must wait for it, not be discarded (the job
        // would then sit until its hour-long deadline).
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-instant-cancel","owner":"jobs-instant-cancel"}"""));

        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", $$"""{"model":"gpt2-tiny","prompt":"cancel {{i}}","max_tokens":2}""")).GetProperty("id").GetString()!;
            using var cancel = await http.DeleteAsync($"v1/async/completions/{id}");
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            return id;
        }));

        Assert.All(await AsyncJobs.WaitForAllAsync(http, ids, Ends), job => Assert.Equal("cancelled", job.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task JobThatOutlivesItsTimeout_EndsExpired_AndReleasesItsReservation()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync(TightKey));

        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"wait","max_tokens":300,"timeout_seconds":2}""")).GetProperty("id").GetString()!;
        using var refused = await http.PostAsync("v1/async/completions", Json(Job));
        var expired = await AsyncJobs.WaitForAsync(http, id, Ends);
        using var admitted = await http.PostAsync("v1/async/completions", Json(Job));

        await ErrorAssertions.AssertOpenAIErrorAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Equal("expired", expired.GetProperty("error").GetProperty("code").GetString());
        Assert.InRange(expired.GetProperty("completed_at").GetInt64() - expired.GetProperty("created").GetInt64(), 1, 30);
        Assert.Equal(HttpStatusCode.Accepted, admitted.StatusCode);
        Assert.Equal((0, 0), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task WebhooksToSpecialPurposeAddressesOrOverPlainHttp_AreRefused_BeforeAnythingIsAdmitted()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-ssrf","owner":"jobs-ssrf","limits":{"rpd":1}}"""));
        string[] forbidden =
        [
            "https://127.0.0.1:8080/hook", "https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data/", "https://[::1]/hook",
            "https://localhost/hook", "https://[2002:a00:5::1]/hook", "https://[64:ff9b:1::a00:5]/hook", "https://no-such-host.invalid/hook",
        ];

        foreach (var url in forbidden)
        {
            using var response = await http.PostAsync("v1/async/completions", Json($$"""{"model":"gpt2-tiny","prompt":"x","max_tokens":1,"webhook":"{{url}}"}"""));
            var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "webhook");
            Assert.Equal("webhook_address_forbidden", error.GetProperty("code").GetString()); // the same whether the host resolves or not
        }

        // As in Azure, a result never crosses the internet in cleartext.
        using (var plain = await http.PostAsync("v1/async/completions", Json("""{"model":"gpt2-tiny","prompt":"x","max_tokens":1,"webhook":"http://93.184.216.34/hook"}""")))
        {
            var error = await ErrorAssertions.AssertOpenAIErrorAsync(plain, HttpStatusCode.BadRequest, "webhook");
            Assert.Contains("https", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // The key's one request a day is still there: the refusals took nothing.
        using var admitted = await http.PostAsync("v1/async/completions", Json("""{"model":"gpt2-tiny","prompt":"x","max_tokens":1}"""));
        Assert.Equal(HttpStatusCode.Accepted, admitted.StatusCode);
    }

    [Fact]
    public async Task JobQueueMetrics_ShowWorkWaiting_AndHowOldItIs_ThenJobsEndingByStatus()
    {
        await using var stack = await JobStack.StartAsync(shared, "--Jobs:QueueProbeInterval", "00:00:01");
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-metrics","owner":"jobs-metrics"}"""));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"metrics","max_tokens":2}""")).GetProperty("id").GetString()!);
        }

        // No worker yet: the three work messages wait, and the probe (every second) sees them age.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var waiting = await PrometheusScrape.GetAsync(stack.Api.BaseUrl, bearer: stack.Secrets.MetricsToken);
        await stack.StartJobWorkerAsync();
        await AsyncJobs.WaitForAllAsync(http, ids, Ends);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var drained = await PrometheusScrape.GetAsync(stack.Api.BaseUrl, bearer: stack.Secrets.MetricsToken);

        Assert.Equal(3, waiting.Sum("api_job_queue_length", "queue=jobs"));
        Assert.InRange(waiting.Sum("api_job_queue_oldest_age_seconds", "queue=jobs"), 2, 60);
        Assert.Equal(0, waiting.Sum("api_job_queue_length", "queue=jobs-poison"));
        Assert.Equal(0, drained.Sum("api_job_queue_length", "queue=jobs"));
        Assert.Equal(0, drained.Sum("api_job_queue_oldest_age_seconds", "queue=jobs"));
        Assert.Equal(3, drained.Sum("api_jobs_completed_total", "model=gpt2-tiny", "status=succeeded"));
        Assert.Equal(3, drained.Sum("api_job_wait_seconds_count", "model=gpt2-tiny"));
        Assert.InRange(drained.Sum("api_job_wait_seconds_sum", "model=gpt2-tiny") / 3, 3, 60); // each waited for the worker to start
        Assert.Equal(3, drained.Sum("api_job_duration_seconds_count", "model=gpt2-tiny", "status=succeeded"));
        await Promtool.AssertMetricsPassAsync(drained.Text);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
