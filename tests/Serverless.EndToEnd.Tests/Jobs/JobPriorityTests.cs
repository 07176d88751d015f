using System.Globalization;
using Serverless.Testing;
using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>
/// Async jobs go to the queue of their caller's class and the job worker drains higher classes first: on a stack of
/// this test's own, low-class jobs are queued before a high-class one while no job worker runs; the API's queue probe
/// sees each class's queue; a job worker taking one job at a time then starts the high-class job first.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobPriorityTests(LocalStackFixture shared, ITestOutputHelper output)
{
    private const string Job = """{"model":"gpt2-tiny","prompt":"priority","max_tokens":4}""";
    private static readonly TimeSpan Ends = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AHighClassJob_IsTakenBeforeLowClassJobsQueuedEarlier_EachClassOnItsOwnQueue()
    {
        await using var stack = await JobStack.StartAsync(shared, "--Jobs:QueueProbeInterval", "00:00:01");
        using var low = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-low","owner":"jobs-priority-low","limits":{"priority":"low"}}"""));
        using var high = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-high","owner":"jobs-priority-high","limits":{"priority":"high"}}"""));
        var lows = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            lows.Add((await AsyncJobs.SubmitAsync(low, "v1/async/completions", Job)).GetProperty("id").GetString()!);
        }

        var highJob = (await AsyncJobs.SubmitAsync(high, "v1/async/completions", Job)).GetProperty("id").GetString()!;

        // No worker yet: the probe (every second) sees the work wait on the two classes' queues.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var waiting = await PrometheusScrape.GetAsync(stack.Api.BaseUrl, bearer: stack.Secrets.MetricsToken);
        await stack.StartJobWorkerAsync("--JobMode:MaxConcurrentJobs", "1");
        await AsyncJobs.WaitForAllAsync(high, [highJob], Ends, stack.DiagnoseAsync);
        await AsyncJobs.WaitForAllAsync(low, lows, Ends, stack.DiagnoseAsync);

        Assert.Equal(3, waiting.Sum("api_job_queue_length", "queue=jobs-low"));
        Assert.Equal(1, waiting.Sum("api_job_queue_length", "queue=jobs-high"));
        Assert.Equal(0, waiting.Sum("api_job_queue_length", "queue=jobs"));
        var started = new[] { highJob }.Concat(lows).ToDictionary(id => id, id => StartedAt(stack.JobWorker.Output, id));
        output.WriteLine(string.Join('\n', started.OrderBy(s => s.Value).Select(s => $"{(s.Key == highJob ? "high" : "low ")} {s.Key} started at job worker output line {s.Value}")));
        Assert.Contains($"Job {highJob} started (class high)", stack.JobWorker.Output, StringComparison.Ordinal);
        Assert.All(lows, id => Assert.True(started[highJob] < started[id], $"low-class job {id} started before the high-class one"));
    }

    /// <summary>The line of the job worker's output that says it started <paramref name="jobId"/>.</summary>
    private static int StartedAt(string workerOutput, string jobId)
    {
        var lines = workerOutput.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains($"Job {jobId} started", StringComparison.Ordinal));
        Assert.True(index >= 0, string.Create(CultureInfo.InvariantCulture, $"the job worker never said it started {jobId}"));
        return index;
    }
}
