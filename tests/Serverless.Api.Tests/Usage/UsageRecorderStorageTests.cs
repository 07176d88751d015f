using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Api.Usage;
using Serverless.Testing;

namespace Serverless.Api.Tests.Usage;

/// <summary>The recorder, the job records and the daily rollups against a real Azurite.</summary>
public sealed class UsageRecorderStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Events.Noon.UtcDateTime);
    private readonly FakeTimeProvider time = new(Events.Noon);
    private readonly string owner = "tenant-" + Guid.NewGuid().ToString("N")[..8];

    private UsageRecorder NewRecorder(StorageCalls? calls = null) =>
        new(azurite.Tables(calls), Options.Create(new UsageOptions()), time, NullLogger<UsageRecorder>.Instance);

    private Task<IReadOnlyList<DailyUsage>> RollupsAsync(DateOnly? from = null, DateOnly? to = null) =>
        new UsageRollups(azurite.Tables(), time).ReadAsync(owner, from ?? Today, to ?? Today, CancellationToken.None);

    private async Task<int> RecordRowsAsync(DateOnly? day = null)
    {
        var table = azurite.Tables().GetTableClient(UsageRecords.TableName);
        await table.CreateIfNotExistsAsync();
        var rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {UsageKeys.RecordPartition(owner, day ?? Today)}")))
        {
            rows++;
        }

        return rows;
    }

    private UsageEvent Chat(string id, int completion = 20, decimal cost = 0.003m, DateTimeOffset? at = null, string model = "gpt2-tiny") =>
        Events.Chat(id, at, owner, model, completion: completion, cost: cost);

    [Fact]
    public async Task Flush_Sums500Requests_IntoOneRow_InAFewStorageCalls_AndStoresNoRowPerRequest()
    {
        var calls = new StorageCalls();
        var recorder = NewRecorder(calls);
        for (var i = 0; i < 500; i++)
        {
            recorder.Record(Chat($"req-{i}", cost: 0.001m));
        }

        await recorder.FlushAsync(CancellationToken.None);

        Assert.Equal([new DailyUsage(Today, "gpt2-tiny", 5000, 10_000, 500, 7500, 0.5m)], await RollupsAsync());
        Assert.Equal(0, await RecordRowsAsync());

        // One table creation, then a read and a write of each of two rollup rows (the owner's and every owner's): 5
        // calls for 500 requests. The bound leaves room for the SDK's own retries on a busy machine.
        Assert.True(calls.Count <= 8, $"{calls.Count} storage calls for 500 requests");
    }

    [Fact]
    public async Task RecordOnce_TheSameJobReportedAgain_InALaterCall_OrByAnotherInstance_IsBilledOnce()
    {
        var first = NewRecorder();
        var second = NewRecorder();

        await first.RecordOnceAsync(Chat("job_once"), CancellationToken.None);
        await first.RecordOnceAsync(Chat("job_once"), CancellationToken.None);
        await second.RecordOnceAsync(Chat("job_once"), CancellationToken.None);

        Assert.Equal(1, await RecordRowsAsync());
        Assert.Equal(1, (await RollupsAsync()).Single().Requests);
    }

    [Fact]
    public async Task RecordOnce_ADifferentReportReusingAnId_IsRecordedAndBilledToo()
    {
        var recorder = NewRecorder();

        await recorder.RecordOnceAsync(Chat("client-chosen-id", completion: 5), CancellationToken.None);
        await recorder.RecordOnceAsync(Chat("client-chosen-id", completion: 7, at: Events.Noon.AddMinutes(1)), CancellationToken.None);

        Assert.Equal(2, await RecordRowsAsync());
        var rollup = (await RollupsAsync()).Single();
        Assert.Equal((2L, 12L), (rollup.Requests, rollup.CompletionTokens));
    }

    [Fact]
    public async Task TwoInstances_FlushingConcurrently_SumExactly()
    {
        var instances = new[] { NewRecorder(), NewRecorder() };
        var models = new[] { "gpt2-tiny", "all-minilm-l6-v2" };

        // Five rounds: each instance records 120 requests over two models, then both flush at once, racing on the same rollup rows.
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 240; i++)
            {
                instances[i % 2].Record(Chat($"req-{round}-{i}", completion: i % 7, cost: 0.0001m * (i % 3), model: models[i / 2 % 2]));
            }

            await Task.WhenAll(instances.Select(r => r.FlushAsync(CancellationToken.None)));
        }

        var expected = Enumerable.Range(0, 5).SelectMany(_ => Enumerable.Range(0, 240))
            .GroupBy(i => models[i / 2 % 2])
            .Select(g => new DailyUsage(Today, g.Key, 10L * g.Count(), g.Sum(i => (long)(i % 7)), g.Count(), 15L * g.Count(), g.Sum(i => 0.0001m * (i % 3))))
            .OrderBy(r => r.Model, StringComparer.Ordinal);
        Assert.Equal(expected, (await RollupsAsync()).OrderBy(r => r.Model, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARollupMergeWhoseAnswerWasLost_IsCountedOnce()
    {
        var calls = new StorageCalls();
        var recorder = NewRecorder(calls);
        recorder.Record(Chat("req-1"));
        await recorder.FlushAsync(CancellationToken.None);

        // The update lands, its answer is lost, the retry meets a changed ETag (412) and must see the merge is in.
        recorder.Record(Chat("req-2"));
        calls.LoseAnswers(1, m => m.Request.Method == Azure.Core.RequestMethod.Put);
        await recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(1, calls.Lost);
        Assert.Equal(2, (await RollupsAsync()).Single().Requests);
    }

    [Fact]
    public async Task StorageDown_ForManyFlushes_KeepsOneOrTwoMergesPerRow_AndTheNextFlushBillsEverythingOnce()
    {
        var calls = new StorageCalls();
        var recorder = NewRecorder(calls);
        recorder.Record(Chat("req-before"));
        await recorder.FlushAsync(CancellationToken.None); // tables exist; the outage comes later

        calls.Down = true;
        for (var flush = 0; flush < 20; flush++)
        {
            for (var i = 0; i < 50; i++)
            {
                recorder.Record(Chat($"req-{flush}-{i}"));
            }

            await Assert.ThrowsAnyAsync<Exception>(() => recorder.FlushAsync(CancellationToken.None));
        }

        // The merge that was tried may have landed (its answer lost), so it keeps its number; later sums fold into one.
        // Two rows: the owner's and every owner's.
        Assert.InRange(recorder.PendingMerges, 2, 4);

        calls.Down = false;
        await recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(0, recorder.PendingMerges);
        Assert.Equal(1001, (await RollupsAsync()).Single().Requests);
    }

    [Fact]
    public async Task MergesSpilledAtShutdown_AreAppliedByTheNextProcess_OnceEvenWhenTwoApplyThem()
    {
        var calls = new StorageCalls();
        var stopping = NewRecorder(calls);
        stopping.Record(Chat("req-before"));
        await stopping.FlushAsync(CancellationToken.None);

        // Storage is unreachable as the instance stops: what it holds is drained (to be written to disk).
        calls.Down = true;
        stopping.Record(Chat("req-1"));
        stopping.Record(Chat("req-2", model: "other"));
        await Assert.ThrowsAnyAsync<Exception>(() => stopping.FlushAsync(CancellationToken.None));
        stopping.Record(Chat("req-3"));
        var spilled = await stopping.DrainAsync(CancellationToken.None);

        // Two instances share the spill folder and both apply it.
        var next = NewRecorder();
        var other = NewRecorder();
        await next.AdoptAsync(spilled, CancellationToken.None);
        await other.AdoptAsync(spilled, CancellationToken.None);
        await Task.WhenAll(next.FlushAsync(CancellationToken.None), other.FlushAsync(CancellationToken.None));
        await next.AdoptAsync(spilled, CancellationToken.None);
        await next.FlushAsync(CancellationToken.None);

        var rows = (await RollupsAsync()).ToDictionary(r => r.Model, r => r.Requests);
        Assert.Equal(3, rows["gpt2-tiny"]);
        Assert.Equal(1, rows["other"]);
    }

    [Fact]
    public async Task UsageAcrossMidnightUtc_IsBilledToEachDay()
    {
        var recorder = NewRecorder();
        var midnight = new DateTimeOffset(Today.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);
        recorder.Record(Chat("req-late", at: midnight.AddTicks(-1)));
        recorder.Record(Chat("req-early", at: midnight));
        recorder.Record(Chat("req-early-2", at: midnight.AddSeconds(1)));

        await recorder.FlushAsync(CancellationToken.None);

        var rows = await RollupsAsync(Today, Today.AddDays(1));
        Assert.Equal([(Today, 1L), (Today.AddDays(1), 2L)], rows.Select(r => (r.Day, r.Requests)));
    }

    [Fact]
    public async Task ReadingARange_NeverReturnsNeighbouringDays()
    {
        var recorder = NewRecorder();
        for (var day = 0; day < 5; day++)
        {
            recorder.Record(Chat($"req-{day}", at: Events.Noon.AddDays(day)));
        }

        await recorder.FlushAsync(CancellationToken.None);

        Assert.Equal([Today.AddDays(1), Today.AddDays(2), Today.AddDays(3)], (await RollupsAsync(Today.AddDays(1), Today.AddDays(3))).Select(r => r.Day));
    }
}
