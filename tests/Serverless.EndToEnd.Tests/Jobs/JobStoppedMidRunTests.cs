using System.Net;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>
/// A job cancelled while it runs, or that runs past its deadline, stops at its next decode step and is billed for
/// what it generated; otherwise cancelling (or a short <c>timeout_seconds</c>) would make the GPU free to use.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobStoppedMidRunTests(LocalStackFixture shared)
{
    // Four choices of up to 1,000 tokens: seconds of work on a CPU worker.
    private const string LongJob = """{"model":"gpt2-tiny","prompt":"Once upon a time","max_tokens":1000,"n":4,"temperature":1,"seed":3}""";
    private const int MaxTokens = 4000;
    private static readonly TimeSpan Ends = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RunningJob_Cancelled_StopsAndIsBilledForWhatItGenerated()
    {
        await using var stack = await JobStack.StartAsync(shared);
        await stack.StartJobWorkerAsync("--JobMode:CancelCheckInterval", "00:00:00.200");
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-stop-cancel","owner":"jobs-stop-cancel"}"""));

        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", LongJob)).GetProperty("id").GetString()!;
        await AsyncJobs.WaitForAsync(http, id, Ends, "running", "succeeded", "failed", "cancelled", "expired");
        await Task.Delay(500);
        using var cancel = await http.DeleteAsync($"v1/async/completions/{id}");
        var ended = await AsyncJobs.WaitForAsync(http, id, Ends);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        AssertStoppedAndBilled(ended, "cancelled", await AsyncJobs.UsageAsync(http));
        await stack.JobWorker.WaitForOutputAsync($"Job {id} stopped after", Ends);
    }

    [Fact]
    public async Task RunningJob_PastItsDeadline_StopsAndIsBilledForWhatItGenerated()
    {
        await using var stack = await JobStack.StartAsync(shared);
        await stack.StartJobWorkerAsync();
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-stop-expiry","owner":"jobs-stop-expiry"}"""));

        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", LongJob.Replace("\"seed\":3", "\"seed\":3,\"timeout_seconds\":2", StringComparison.Ordinal))).GetProperty("id").GetString()!;
        var ended = await AsyncJobs.WaitForAsync(http, id, Ends);

        AssertStoppedAndBilled(ended, "expired", await AsyncJobs.UsageAsync(http));
    }

    private static void AssertStoppedAndBilled(JsonElement job, string status, (long Requests, long Tokens) usage)
    {
        Assert.Equal(status, job.GetProperty("status").GetString());
        Assert.False(job.TryGetProperty("result", out var result) && result.ValueKind != JsonValueKind.Null);
        var completion = job.GetProperty("usage").GetProperty("completion_tokens").GetInt64();
        Assert.InRange(completion, 1, MaxTokens - 1); // it generated, and it was stopped before the end
        Assert.Equal(1, usage.Requests);
        Assert.Equal(job.GetProperty("usage").GetProperty("total_tokens").GetInt64(), usage.Tokens);
    }
}
