using System.Text.Json;
using Azure.Storage.Queues;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>
/// Jobs survive their processes dying: a worker killed mid-job (its message reappears and another worker runs it),
/// an API host killed and restarted while jobs wait (the orchestrations resume from storage). Every job still ends
/// exactly once and is billed exactly once.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobDurabilityTests(LocalStackFixture shared)
{
    private static readonly TimeSpan Ends = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long jobs may take to end after a host was killed: what it held (orchestration, activity and result
    /// messages) reappears only after each one's visibility timeout (30 s, 1 min, 30 s locally), and these can follow
    /// one another on a busy machine.
    /// </summary>
    private static readonly TimeSpan AfterRestart = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task WorkerKilledMidJob_TheJobStillSucceedsOnce_AndIsBilledOnce()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-kill-worker","owner":"jobs-kill-worker"}"""));

        // The message stays hidden 3 s per delivery: a dead worker's job is seen again 3 s after its last renewal.
        string[] worker = ["--JobMode:VisibilityTimeout", "00:00:03"];
        await stack.StartJobWorkerAsync(worker);
        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"A long story:","max_tokens":1000,"temperature":1.0,"seed":11}""")).GetProperty("id").GetString()!;
        var running = await AsyncJobs.WaitForAsync(http, id, Ends, "running", "succeeded", "failed");
        await stack.KillJobWorkerAsync();
        await stack.StartJobWorkerAsync(worker);
        var job = await AsyncJobs.WaitForAsync(http, id, Ends);
        await stack.JobWorker.WaitForOutputAsync($"Job {id} done", Ends); // the second worker ran it

        Assert.Equal("running", running.GetProperty("status").GetString()); // killed while it ran, not after
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var usage = job.GetProperty("result").GetProperty("usage");
        Assert.Equal(usage.ToString(), job.GetProperty("usage").ToString());
        Assert.Equal((1, usage.GetProperty("total_tokens").GetInt64()), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task JobsRunningLongerThanTheirVisibilityTimeout_StayHidden_SoASecondWorkerNeverTakesThem()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-renewal","owner":"jobs-renewal","limits":{"max_concurrency":100}}"""));

        // Messages hidden 3 s per renewal; the engine decodes one sequence at a time, so the jobs queue up inside
        // the worker and the last runs many times 3 s (some 20 s here; a machine twice as fast still passes 9 s). Without renewal their messages would reappear meanwhile.
        string[] worker = ["--JobMode:VisibilityTimeout", "00:00:03", "--Inference:MaxBatchSize", "1"];
        await stack.StartJobWorkerAsync(worker);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await AsyncJobs.SubmitAsync(http, "v1/async/completions", $$"""{"model":"gpt2-tiny","prompt":"A long story {{i}}:","max_tokens":1000,"temperature":1.0,"seed":{{i}}}""")).GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await AsyncJobs.WaitForAsync(http, id, Ends, ["running", .. AsyncJobs.Final]); // all taken by the first worker
        }

        await using var second = await ServiceProcess.StartJobWorkerAsync(stack.Storage.ConnectionString, worker);
        var jobs = await AsyncJobs.WaitForAllAsync(http, ids, TimeSpan.FromMinutes(3), stack.DiagnoseAsync);

        Assert.All(jobs, job => Assert.Equal("succeeded", job.GetProperty("status").GetString()));
        var longest = jobs.Max(job => job.GetProperty("completed_at").GetInt64() - job.GetProperty("started_at").GetInt64());
        Assert.True(longest >= 9, $"the longest job ran {longest} s, not the three visibility timeouts (9 s) this test needs to mean anything");
        Assert.All(ids, id => Assert.DoesNotContain(id, second.Output, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains($"Job {id} done", stack.JobWorker.Output, StringComparison.Ordinal));
        Assert.Equal((ids.Count, jobs.Sum(job => job.GetProperty("usage").GetProperty("total_tokens").GetInt64())), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task WorkMessageDeliveredTooOften_GoesToThePoisonQueue_AndItsJobFailsUnbilled()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-poison","owner":"jobs-poison"}"""));

        // Each worker dies while it runs the job; after one delivery a message counts as seen too often.
        string[] worker = ["--JobMode:VisibilityTimeout", "00:00:03", "--JobMode:MaxDequeueCount", "1"];
        await stack.StartJobWorkerAsync(worker);
        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"A long story:","max_tokens":1000,"temperature":1.0,"seed":12}""")).GetProperty("id").GetString()!;
        await AsyncJobs.WaitForAsync(http, id, Ends, "running");
        await stack.KillJobWorkerAsync();
        await stack.StartJobWorkerAsync(worker);
        var job = await AsyncJobs.WaitForAsync(http, id, Ends);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("job_poisoned", job.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("picked it up", job.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var poison = new QueueClient(stack.Storage.ConnectionString, "jobs-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var parked = Assert.Single((await poison.PeekMessagesAsync(10)).Value);
        Assert.Contains(id, parked.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task DuplicateWorkAndResultMessages_NeitherRunNorBillAgain()
    {
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-dupes","owner":"jobs-dupes"}"""));
        await stack.StartJobWorkerAsync();
        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"once","max_tokens":5}""")).GetProperty("id").GetString()!;
        var job = await AsyncJobs.WaitForAsync(http, id, Ends);
        var tokens = job.GetProperty("usage").GetProperty("total_tokens").GetInt64();
        var partition = "jobs-dupes";

        // At-least-once delivery: the same work message and the same result message come again.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        await new QueueClient(stack.Storage.ConnectionString, "jobs", options).SendMessageAsync($$"""{"job_id":"{{id}}","partition":"{{partition}}"}""");
        await new QueueClient(stack.Storage.ConnectionString, "results", options).SendMessageAsync(
            $$"""{"job_id":"{{id}}","partition":"{{partition}}","succeeded":true,"prompt_tokens":1,"completion_tokens":5,"compute_ms":1}""");
        await stack.JobWorker.WaitForOutputAsync($"Job {id} skipped", Ends);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the results listener polls at least every half second

        var again = await AsyncJobs.WaitForAsync(http, id, Ends);
        Assert.Equal("succeeded", again.GetProperty("status").GetString());
        Assert.Equal(job.GetProperty("result").ToString(), again.GetProperty("result").ToString());
        Assert.Equal(job.GetProperty("completed_at").GetInt64(), again.GetProperty("completed_at").GetInt64());
        Assert.Equal((1, tokens), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task OrchestrationStillRecordedPendingAfterItStarted_StillGetsItsResult()
    {
        // A host that dies between writing an orchestration's history and its status leaves it started but recorded
        // as pending. Its result must still reach it: raised anyway once the wait for the start is over.
        await using var stack = await JobStack.StartAsync(shared, "--Jobs:EventWaitForStart", "00:00:02");
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-stale-pending","owner":"jobs-stale-pending"}"""));
        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"stale","max_tokens":4}""")).GetProperty("id").GetString()!;
        await stack.WaitForOrchestrationAsync(id, "Running", Ends);
        await stack.SetOrchestrationStatusAsync(id, "Pending");

        await stack.StartJobWorkerAsync();
        var job = (await AsyncJobs.WaitForAllAsync(http, [id], Ends, stack.DiagnoseAsync))[0];

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal((1, job.GetProperty("usage").GetProperty("total_tokens").GetInt64()), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task CancelThatNeverReachedTheOrchestration_TheWorkerSkipsTheJob_AndItEndsCancelledUnbilled()
    {
        // The owner's cancel flagged the row, but its event was lost (dropped by an orchestration whose start a dead
        // host still held): the worker that takes the job skips it and reports it cancelled.
        await using var stack = await JobStack.StartAsync(shared);
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-lost-cancel","owner":"jobs-lost-cancel"}"""));
        var id = (await AsyncJobs.SubmitAsync(http, "v1/async/completions", """{"model":"gpt2-tiny","prompt":"never run","max_tokens":4}""")).GetProperty("id").GetString()!;
        await stack.WaitForOrchestrationAsync(id, "Running", Ends);
        await stack.FlagCancelRequestedAsync(id);

        await stack.StartJobWorkerAsync();
        var job = (await AsyncJobs.WaitForAllAsync(http, [id], Ends, stack.DiagnoseAsync))[0];

        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Contains($"Job {id} skipped", stack.JobWorker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"Job {id} done", stack.JobWorker.Output, StringComparison.Ordinal);
        Assert.Equal((0, 0), await AsyncJobs.UsageAsync(http));
    }

    [Fact]
    public async Task ApiHostKilledAndRestarted_WhileJobsWait_EveryJobEndsOnce_AndIsBilledOnce()
    {
        await using var stack = await JobStack.StartAsync(shared);
        var key = await stack.CreateKeyAsync("""{"name":"jobs-kill-api","owner":"jobs-kill-api"}""");
        var ids = new List<string>();
        using (var http = stack.CreateHttpClient(key))
        {
            for (var i = 0; i < 8; i++)
            {
                ids.Add((await AsyncJobs.SubmitAsync(http, "v1/async/completions", $$"""{"model":"gpt2-tiny","prompt":"job {{i}}","max_tokens":6,"seed":{{i}}}""")).GetProperty("id").GetString()!);
            }
        }

        // The host dies with every orchestration waiting; a worker then runs the jobs while no host listens for
        // their results, and only then does a new host start on the same storage.
        await stack.KillApiAsync();
        await stack.StartJobWorkerAsync();
        foreach (var id in ids)
        {
            await stack.JobWorker.WaitForOutputAsync($"Job {id} done", Ends);
        }

        await stack.StartApiAsync();
        using var restarted = stack.CreateHttpClient(key);
        var jobs = await AsyncJobs.WaitForAllAsync(restarted, ids, AfterRestart, stack.DiagnoseAsync);

        Assert.All(jobs, job => Assert.Equal("succeeded", job.GetProperty("status").GetString()));
        var billed = jobs.Sum(job => job.GetProperty("usage").GetProperty("total_tokens").GetInt64());
        Assert.Equal((ids.Count, billed), await AsyncJobs.UsageAsync(restarted));

        // And once more: killed while jobs run, restarted at once. What the dead host held stays hidden until its
        // visibility timeout (orchestration messages 30 s, activity messages 1 min, results 30 s locally), and these
        // can follow one another, so those jobs end within a few minutes on a busy machine.
        var more = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            more.Add((await AsyncJobs.SubmitAsync(restarted, "v1/async/completions", $$"""{"model":"gpt2-tiny","prompt":"more {{i}}","max_tokens":40}""")).GetProperty("id").GetString()!);
        }

        await stack.KillApiAsync();
        await stack.StartApiAsync();
        using var again = stack.CreateHttpClient(key);
        var ended = await AsyncJobs.WaitForAllAsync(again, more, AfterRestart, stack.DiagnoseAsync);

        Assert.All(ended, job => Assert.Equal("succeeded", job.GetProperty("status").GetString()));
        billed += ended.Sum(job => job.GetProperty("usage").GetProperty("total_tokens").GetInt64());
        Assert.Equal((ids.Count + more.Count, billed), await AsyncJobs.UsageAsync(again));
    }
}
