using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Serverless.Jobs;
using Serverless.Testing;

namespace Serverless.Jobs.Tests;

/// <summary>
/// The job row's state machine against a real Azurite, with a fake clock: each transition, and the races the
/// end-to-end tests met (duplicate delivery, a late result after expiry, a cancel before or racing the start, a
/// host killed between claiming a job's end and showing it). Two "processes" are two lifecycles on one table.
/// </summary>
public sealed class JobLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly JobOutcome Succeeded = new(JobStatus.Succeeded, 12, 30, 250, null, null);
    private static readonly JobOutcome Expired = new(JobStatus.Expired, 0, 0, 0, JobResultMessage.ExpiredCode, "The job did not finish within its time limit.");
    private static readonly JobOutcome Cancelled = new(JobStatus.Cancelled, 0, 0, 0, JobResultMessage.CancelledCode, "The job was cancelled by its owner.");

    private readonly FakeTimeProvider clock = new(Start);

    [Fact]
    public async Task AJob_GoesQueuedRunningResultStoredSettledEnded_WithTheClocksTimes()
    {
        var (api, worker) = (NewLifecycle(), NewLifecycle());
        var job = await AddAsync(api);
        Assert.Equal(JobPhase.Queued, JobLifecycle.PhaseOf(job));

        clock.Advance(TimeSpan.FromSeconds(3));
        var start = await worker.StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None);
        Assert.Equal(JobStartResult.Started, start.Result);
        Assert.Equal(JobPhase.Running, JobLifecycle.PhaseOf(start.Row!));
        Assert.Equal(Start.AddSeconds(3), start.Row!.StartedAt);
        Assert.Equal(1, start.Row.Deliveries);

        var stored = await worker.StoreResultAsync(start.Row, "{\"id\":\"cmpl\"}", null, 12, 30, CancellationToken.None);
        Assert.Equal(JobPhase.ResultStored, JobLifecycle.PhaseOf(stored!));

        clock.Advance(TimeSpan.FromSeconds(2));
        var settlement = await api.SettleAsync(await ReadAsync(api, job), Succeeded, CancellationToken.None);
        Assert.True(settlement.ClaimedHere);
        Assert.Equal(JobPhase.Settled, JobLifecycle.PhaseOf(settlement.Row));
        Assert.Equal(JobStatus.Running, settlement.Row.Status); // not shown ended before its quota is settled

        var (ended, shownNow) = await api.ShowEndedAsync(settlement.Row, CancellationToken.None);
        Assert.True(shownNow);
        Assert.Equal(JobPhase.Ended, JobLifecycle.PhaseOf(ended));
        Assert.Equal(JobStatus.Succeeded, ended.Status);
        Assert.Equal(Start.AddSeconds(5), ended.CompletedAt);
        var read = await ReadAsync(api, job);
        Assert.Equal((JobStatus.Succeeded, 12, 30, "{\"id\":\"cmpl\"}"), (read.Status, read.PromptTokens, read.CompletionTokens, read.Result));
    }

    [Fact]
    public async Task ADuplicateDelivery_AfterTheResultWasStored_IsToldToAnnounceItNotToRunAgain()
    {
        var (api, worker) = (NewLifecycle(), NewLifecycle());
        var job = await AddAsync(api);
        var first = await worker.StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None);
        await worker.StoreResultAsync(first.Row!, "{\"first\":true}", null, 5, 7, CancellationToken.None);

        // The first delivery died before deleting its message: the queue delivers it again.
        var again = await NewLifecycle().StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None);

        Assert.Equal(JobStartResult.ResultStored, again.Result);
        Assert.Equal((5, 7), (again.Row!.PromptTokens, again.Row.CompletionTokens));
        Assert.Equal(1, again.Row.Deliveries); // it was not marked running again
    }

    [Fact]
    public async Task TwoDeliveriesRunningAtOnce_StoreOneResult_AndBothAnnounceIt()
    {
        var api = NewLifecycle();
        var job = await AddAsync(api);
        var one = await NewLifecycle().StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None);
        var two = await NewLifecycle().StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None); // the message reappeared while one still ran
        Assert.Equal((JobStartResult.Started, 2), (two.Result, two.Row!.Deliveries));

        var storedByTwo = await NewLifecycle().StoreResultAsync(two.Row, "{\"by\":2}", null, 3, 4, CancellationToken.None);
        var storedByOne = await NewLifecycle().StoreResultAsync(one.Row!, "{\"by\":1}", null, 3, 9, CancellationToken.None);

        Assert.Equal("{\"by\":2}", storedByTwo!.Result);
        Assert.Equal("{\"by\":2}", storedByOne!.Result); // one's write met two's: it announces two's result and tokens
        Assert.Equal(4, storedByOne.CompletionTokens);
        Assert.Equal("{\"by\":2}", (await ReadAsync(api, job)).Result);
    }

    [Fact]
    public async Task AResultArrivingAfterTheJobExpired_IsNotStored()
    {
        var (api, worker) = (NewLifecycle(), NewLifecycle());
        var job = await AddAsync(api);
        var start = await worker.StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None);

        // The deadline passed while the worker ran: the orchestration ends the job expired.
        clock.Advance(TimeSpan.FromMinutes(10));
        var settlement = await api.SettleAsync(await ReadAsync(api, job), Expired, CancellationToken.None);
        await api.ShowEndedAsync(settlement.Row, CancellationToken.None);

        var stored = await worker.StoreResultAsync(start.Row!, "{\"late\":true}", null, 5, 50, CancellationToken.None);

        Assert.Null(stored);
        var read = await ReadAsync(api, job);
        Assert.Equal((JobStatus.Expired, JobResultMessage.ExpiredCode, (string?)null, 0), (read.Status, read.ErrorCode, read.Result, read.CompletionTokens));
    }

    [Fact]
    public async Task ACancelBeforeTheStart_KeepsEveryWorkerFromRunningIt()
    {
        var (api, worker) = (NewLifecycle(), NewLifecycle());
        var job = await AddAsync(api);

        var cancelled = await api.RequestCancelAsync(await ReadAsync(api, job), CancellationToken.None);
        var start = await worker.StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None);

        Assert.Equal(JobPhase.CancelRequested, JobLifecycle.PhaseOf(cancelled));
        Assert.Equal(JobStatus.Queued, cancelled.Status); // seen queued: no worker will run it, so it ends at once, unbilled
        Assert.Equal(JobStartResult.CancelRequested, start.Result);
        Assert.Equal((JobStatus.Queued, 0), (start.Row!.Status, start.Row.Deliveries));
    }

    [Fact]
    public async Task ACancelRacingTheStart_SeesTheJobRunning_SoItsWorkerIsWaitedFor()
    {
        var (api, worker) = (NewLifecycle(), NewLifecycle());
        var job = await AddAsync(api);
        var readByCanceller = await ReadAsync(api, job); // the cancel handler read the row queued...
        var start = await worker.StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None); // ...then a worker started it

        var cancelled = await api.RequestCancelAsync(readByCanceller, CancellationToken.None);

        Assert.Equal(JobStartResult.Started, start.Result);
        Assert.True(cancelled.CancelRequested);
        Assert.Equal(JobStatus.Running, cancelled.Status); // the orchestration waits for the worker's report, to bill it
        Assert.True(JobLifecycle.ShouldStop(await ReadAsync(worker, job))); // the worker's cancel watch stops it
    }

    [Fact]
    public async Task ACancel_LeavesAnEndedJobAsItIs()
    {
        var api = NewLifecycle();
        var job = await AddAsync(api);
        var settlement = await api.SettleAsync(await ReadAsync(api, job), Succeeded, CancellationToken.None);
        var (ended, _) = await api.ShowEndedAsync(settlement.Row, CancellationToken.None);

        var after = await api.RequestCancelAsync(ended, CancellationToken.None);

        Assert.False(after.CancelRequested);
        Assert.Equal(JobStatus.Succeeded, (await ReadAsync(api, job)).Status);
    }

    [Fact]
    public async Task TwoRunsEndingOneJob_ClaimItOnce()
    {
        var api = NewLifecycle();
        var job = await AddAsync(api);
        var readByOne = await ReadAsync(api, job);
        var readByTwo = await ReadAsync(api, job); // a retried activity racing the first run

        var one = await NewLifecycle().SettleAsync(readByOne, Succeeded, CancellationToken.None);
        var two = await NewLifecycle().SettleAsync(readByTwo, Cancelled, CancellationToken.None);

        Assert.True(one.ClaimedHere);
        Assert.False(two.ClaimedHere); // it must not settle the quota again
        Assert.Equal(JobStatus.Succeeded, two.Row.EndStatus); // and it ends the job as the claim says
        var (shownByTwo, _) = await api.ShowEndedAsync(two.Row, CancellationToken.None);
        Assert.Equal(JobStatus.Succeeded, shownByTwo.Status);
    }

    [Fact]
    public async Task AHostKilledBetweenClaimAndShow_LeavesAJobTheNextRunShowsEndedWithoutClaimingAgain()
    {
        var api = NewLifecycle();
        var job = await AddAsync(api);
        await api.SettleAsync(await ReadAsync(api, job), Cancelled, CancellationToken.None);
        // The host died here: the claim is stored, the end is not shown. A worker still delivered the message meanwhile.
        var late = await NewLifecycle().StartAsync(job.PartitionKey, job.RowKey, CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(1));
        var rerun = NewLifecycle();
        var settlement = await rerun.SettleAsync(await ReadAsync(rerun, job), Succeeded, CancellationToken.None);
        var (ended, shownNow) = await rerun.ShowEndedAsync(settlement.Row, CancellationToken.None);
        var (_, shownAgain) = await rerun.ShowEndedAsync(await ReadAsync(rerun, job), CancellationToken.None);

        Assert.Equal(JobStartResult.Ended, late.Result); // settled: the worker writes nothing more into it
        Assert.False(settlement.ClaimedHere);
        Assert.True(shownNow);
        Assert.False(shownAgain);
        Assert.Equal((JobStatus.Cancelled, Start.AddMinutes(1)), (ended.Status, ended.CompletedAt));
    }

    [Fact]
    public async Task ShowingEnded_WithAStaleRow_ReadsAgainAndShowsItOnce()
    {
        var api = NewLifecycle();
        var job = await AddAsync(api);
        var settled = (await api.SettleAsync(await ReadAsync(api, job), Succeeded, CancellationToken.None)).Row;
        var staleCopy = await ReadAsync(api, job);

        var (_, first) = await api.ShowEndedAsync(settled, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(30));
        var (row, second) = await NewLifecycle().ShowEndedAsync(staleCopy, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(Start, row.CompletedAt); // the first showing's time stands
    }

    [Fact]
    public async Task AMissingRow_IsNotStarted()
    {
        var start = await NewLifecycle().StartAsync("nobody", "job_missing", CancellationToken.None);

        Assert.Equal(new JobStart(JobStartResult.Missing, null), start);
    }

    [Fact]
    public async Task Lists_AreNewestFirstPages_WithoutBodies()
    {
        var api = NewLifecycle();
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        var ids = new[] { "job_3", "job_1", "job_2" };
        foreach (var id in ids)
        {
            await api.AddAsync(NewRow(owner, id), CancellationToken.None);
        }

        var page1 = await api.ListAsync(owner, null, 2, null, CancellationToken.None);
        var page2 = await api.ListAsync(owner, page1[^1].RowKey, 2, null, CancellationToken.None);

        Assert.Equal(["job_1", "job_2"], page1.Select(j => j.RowKey));
        Assert.Equal(["job_3"], page2.Select(j => j.RowKey));
        Assert.All(page1, j => Assert.Null(j.Request));
        Assert.Equal("job_2", (await api.FindAsync("job_2", CancellationToken.None))?.RowKey);
    }

    [Fact]
    public async Task Lists_FilteredByStatus_PageThroughThatStatusOnly()
    {
        var api = NewLifecycle();
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        foreach (var id in new[] { "job_1", "job_2", "job_3", "job_4" })
        {
            await api.AddAsync(NewRow(owner, id), CancellationToken.None);
        }

        foreach (var id in new[] { "job_1", "job_3", "job_4" })
        {
            await api.StartAsync(owner, id, CancellationToken.None);
        }

        var page1 = await api.ListAsync(owner, null, 2, JobStatus.Running, CancellationToken.None);
        var page2 = await api.ListAsync(owner, page1[^1].RowKey, 2, JobStatus.Running, CancellationToken.None);
        var queued = await api.ListAsync(owner, null, 10, JobStatus.Queued, CancellationToken.None);

        Assert.Equal(["job_1", "job_3"], page1.Select(j => j.RowKey));
        Assert.Equal(["job_4"], page2.Select(j => j.RowKey));
        Assert.Equal(["job_2"], queued.Select(j => j.RowKey));
    }

    private JobLifecycle NewLifecycle() => new(new TableServiceClient(azurite.ConnectionString), clock);

    private async Task<JobEntity> AddAsync(JobLifecycle lifecycle)
    {
        var row = NewRow("owner-" + Guid.NewGuid().ToString("N"), "job_" + Guid.NewGuid().ToString("N"));
        await lifecycle.AddAsync(row, CancellationToken.None);
        return row;
    }

    private JobEntity NewRow(string owner, string id) => new()
    {
        PartitionKey = owner,
        RowKey = id,
        Owner = owner,
        KeyId = "key_test",
        Kind = "v1/completions",
        Model = "gpt2-tiny",
        CreatedAt = clock.GetUtcNow(),
        ExpiresAt = clock.GetUtcNow().AddMinutes(5),
        Request = "{\"prompt\":\"hi\"}",
    };

    private static async Task<JobEntity> ReadAsync(JobLifecycle lifecycle, JobEntity job) =>
        await lifecycle.GetAsync(job.PartitionKey, job.RowKey, CancellationToken.None) ?? throw new InvalidOperationException("no row");
}
