namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>
/// An ended job's Durable history is purged after <c>Jobs:HistoryRetention</c> (here at once, checked every
/// second); what its owner sees lives in the jobs table and stays. A job still waiting keeps its orchestration.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobHistoryTests(LocalStackFixture shared)
{
    private static readonly TimeSpan Ends = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EndedJobsHistory_IsPurged_TheJobStaysAsItWas_AndAWaitingJobIsLeftToFinish()
    {
        await using var stack = await JobStack.StartAsync(shared, "--Jobs:HistoryRetention", "00:00:00", "--Jobs:HistoryPurgeInterval", "00:00:01");
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-purge","owner":"jobs-purge"}"""));
        await stack.StartJobWorkerAsync();
        var ended = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"kept","max_tokens":3}""")).GetProperty("id").GetString()!;
        var before = (await AsyncJobs.WaitForAllAsync(http, [ended], Ends, stack.DiagnoseAsync))[0];

        // No worker now: this one waits, its orchestration running, while purges go by.
        await stack.KillJobWorkerAsync();
        var waiting = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"later","max_tokens":3}""")).GetProperty("id").GetString()!;
        await stack.WaitUntilOrchestrationPurgedAsync(ended, Ends);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stack.WaitForOrchestrationAsync(waiting, "Running", TimeSpan.FromSeconds(1));

        var after = await AsyncJobs.WaitForAsync(http, ended, TimeSpan.Zero);
        await stack.StartJobWorkerAsync();
        var later = (await AsyncJobs.WaitForAllAsync(http, [waiting], Ends, stack.DiagnoseAsync))[0];

        Assert.Equal("succeeded", before.GetProperty("status").GetString());
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal("succeeded", later.GetProperty("status").GetString());
        var billed = before.GetProperty("usage").GetProperty("total_tokens").GetInt64() + later.GetProperty("usage").GetProperty("total_tokens").GetInt64();
        Assert.Equal((2, billed), await AsyncJobs.UsageAsync(http));
    }
}
