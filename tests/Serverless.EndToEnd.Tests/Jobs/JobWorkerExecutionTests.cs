namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>The worker's job mode as one Container Apps job execution: it drains the queue, then exits by itself.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobWorkerExecutionTests(LocalStackFixture shared)
{
    [Fact]
    public async Task JobMode_RunsWhatIsQueued_ThenExitsCleanly_OnceTheQueueStaysEmpty()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-execution","owner":"jobs-execution"}"""));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"drain me","max_tokens":3}""")).GetProperty("id").GetString()!);
        }

        // As the scale rule starts it: the queue holds work, and the execution ends when there is none for 2 s.
        await stack.StartJobWorkerAsync("--JobMode:RunForever", "false", "--JobMode:IdleExitAfter", "00:00:02");
        var exitCode = await stack.JobWorker.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(0, exitCode);
        Assert.Contains("stayed empty for 2 s: exiting", stack.JobWorker.Output, StringComparison.Ordinal);
        Assert.All(await AsyncJobs.WaitForAllAsync(http, ids, TimeSpan.FromSeconds(60)), job => Assert.Equal("succeeded", job.GetProperty("status").GetString()));
    }
}
