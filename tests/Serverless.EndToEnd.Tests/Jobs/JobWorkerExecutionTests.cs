using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>The worker's job mode as one Container Apps job execution: it drains the queue, then exits by itself.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobWorkerExecutionTests(LocalStackFixture shared, ITestOutputHelper log)
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

    /// <summary>
    /// Under continuous load an execution never finds the queue empty, so only JobMode:MaxRunTime ends it. It must end
    /// as the platform's replica timeout cannot: taking nothing new and finishing what it holds. Each execution here
    /// runs for 3 s and the next starts when it exits, as the scale rule does; with MaxDequeueCount 1, a job whose
    /// message an execution abandoned would be delivered a second time and fail job_poisoned.
    /// </summary>
    [Fact]
    public async Task JobMode_UnderContinuousLoad_EndsAtMaxRunTime_FinishingWhatItHolds_PoisoningAndLosingNone()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync(
            """{"name":"jobs-max-run-time","owner":"jobs-max-run-time","limits":{"rpm":100000,"tpm":100000000,"max_concurrency":1000,"max_jobs":1000}}"""));
        var ids = new List<string>();
        var endedByMaxRunTime = 0;

        // The load goes on until two executions have ended at their maximum run time (a minute at most).
        var submitting = Task.Run(async () =>
        {
            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref endedByMaxRunTime) < 2 && elapsed.Elapsed < TimeSpan.FromMinutes(1))
            {
                ids.Add((await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"keep going","max_tokens":12}""")).GetProperty("id").GetString()!);
                await Task.Delay(400); // steady, a little faster than one execution's start
            }
        });

        for (var execution = 0; execution < 20; execution++)
        {
            await stack.StartJobWorkerAsync(
                "--JobMode:RunForever", "false", "--JobMode:MaxRunTime", "00:00:03", "--JobMode:IdleExitAfter", "00:00:01",
                "--JobMode:MaxDequeueCount", "1");
            Assert.Equal(0, await stack.JobWorker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            var output = stack.JobWorker.Output;
            await stack.KillJobWorkerAsync();
            if (output.Contains("(JobMode:MaxRunTime): taking no new jobs", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref endedByMaxRunTime);
                log.WriteLine($"execution {execution} ended at its maximum run time");
            }
            else if (submitting.IsCompleted)
            {
                break; // the queue stayed empty: everything submitted was taken
            }
        }

        await submitting;
        log.WriteLine($"{ids.Count} jobs submitted");
        var jobs = await AsyncJobs.WaitForAllAsync(http, ids, TimeSpan.FromSeconds(60), stack.DiagnoseAsync);
        Assert.True(endedByMaxRunTime >= 2, $"only {endedByMaxRunTime} executions ended at their maximum run time");
        Assert.All(jobs, job => Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString()));
    }
}
