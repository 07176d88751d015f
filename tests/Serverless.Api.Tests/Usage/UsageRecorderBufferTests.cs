using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Api.Usage;

namespace Serverless.Api.Tests.Usage;

public sealed class UsageRecorderBufferTests
{
    // Nothing listens there: these tests must never reach storage.
    private static readonly TableServiceClient Unreachable = new("UseDevelopmentStorage=true");

    private static UsageRecorder NewRecorder() =>
        new(Unreachable, Options.Create(new UsageOptions()), new FakeTimeProvider(), NullLogger<UsageRecorder>.Instance);

    [Fact]
    public void Record_OnlySums_ByOwnerDayAndModel_SoMemoryDoesNotGrowWithRequests()
    {
        var recorder = NewRecorder();

        Parallel.For(0, 50_000, i => recorder.Record(Events.Chat($"r{i}", owner: i % 2 == 0 ? "tenant-a" : "tenant-b")));

        Assert.Equal(3, recorder.OpenRows); // each tenant's row and every owner's row
    }

    [Fact]
    public void Record_SplitsAtMidnightUtc_NotAtTheCallersMidnight()
    {
        var recorder = NewRecorder();
        var beforeMidnight = new DateTimeOffset(2026, 3, 15, 23, 59, 59, 999, TimeSpan.Zero);
        var afterMidnight = beforeMidnight.AddMilliseconds(1);

        recorder.Record(Events.Chat("r1", beforeMidnight));
        recorder.Record(Events.Chat("r2", afterMidnight.ToOffset(TimeSpan.FromHours(-5)))); // 19:00 on the 15th in New York, billed to the 16th
        recorder.Record(Events.Chat("r3", beforeMidnight.ToOffset(TimeSpan.FromHours(8)))); // 07:59 on the 16th in Beijing, billed to the 15th

        Assert.Equal(4, recorder.OpenRows); // the owner's and every owner's row, for each of two days
    }

    [Fact]
    public async Task Record_OfRefusedAndFailedRequestsThatUsedNothing_CountsThemApart_AndBillsNothing()
    {
        var recorder = NewRecorder();

        recorder.Record(Events.Chat("r429", prompt: 0, completion: 0, status: 429, cost: 0m));
        recorder.Record(Events.Chat("r503", prompt: 0, completion: 0, status: 503, cost: 0m));
        recorder.Record(Events.Chat("r502-billed", prompt: 10, completion: 3, status: 502, cost: 0.001m));

        var sums = (await recorder.DrainAsync(CancellationToken.None)).ToDictionary(m => m.Owner, m => m.Delta);
        Assert.Equal((13L, 1L, 2L, 1L, 0.001m), (sums["tenant-a"].PromptTokens + sums["tenant-a"].CompletionTokens, sums["tenant-a"].Requests, sums["tenant-a"].Errors, sums["tenant-a"].RateLimited, sums["tenant-a"].Cost));
        Assert.Equal(sums["tenant-a"], sums[UsageKeys.AllOwners]);
    }

    [Fact]
    public async Task Flush_WithNothingRecorded_MakesNoStorageCall()
    {
        var recorder = NewRecorder();

        await recorder.FlushAsync(CancellationToken.None); // would throw if it called the unreachable storage

        Assert.Equal((0, 0), (recorder.OpenRows, recorder.PendingMerges));
    }

    [Fact]
    public void Writers_AreDistinctPerRecorder()
    {
        Assert.NotEqual(NewRecorder().Writer, NewRecorder().Writer);
    }
}
