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

    [Fact]
    public void Record_OnlyQueues_AndNeverTouchesStorage()
    {
        var recorder = new UsageRecorder(Unreachable, Options.Create(new UsageOptions()), new FakeTimeProvider(), NullLogger<UsageRecorder>.Instance);

        for (var i = 0; i < 10_000; i++)
        {
            recorder.Record(Events.Chat($"r{i}"));
        }

        Assert.Equal(10_000, recorder.Buffered);
    }

    [Fact]
    public void Record_BeyondTheBuffer_DropsTheOldest_InsteadOfGrowingWithoutBound()
    {
        var recorder = new UsageRecorder(Unreachable, Options.Create(new UsageOptions { MaxBufferedRecords = 1000 }), new FakeTimeProvider(), NullLogger<UsageRecorder>.Instance);

        Parallel.For(0, 5000, i => recorder.Record(Events.Chat($"r{i}")));

        Assert.Equal(1000, recorder.Buffered);
    }

    [Fact]
    public async Task Flush_WithNothingRecorded_MakesNoStorageCall()
    {
        var recorder = new UsageRecorder(Unreachable, Options.Create(new UsageOptions()), new FakeTimeProvider(), NullLogger<UsageRecorder>.Instance);

        await recorder.FlushAsync(CancellationToken.None); // would throw if it called the unreachable storage

        Assert.Equal(0, recorder.Buffered);
    }

    [Fact]
    public void Writers_AreDistinctPerRecorder()
    {
        var options = Options.Create(new UsageOptions());
        var a = new UsageRecorder(Unreachable, options, new FakeTimeProvider(), NullLogger<UsageRecorder>.Instance);
        var b = new UsageRecorder(Unreachable, options, new FakeTimeProvider(), NullLogger<UsageRecorder>.Instance);

        Assert.NotEqual(a.Writer, b.Writer);
    }
}
