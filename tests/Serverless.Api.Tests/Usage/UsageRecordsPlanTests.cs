using Serverless.Api.Usage;

namespace Serverless.Api.Tests.Usage;

public sealed class UsageRecordsPlanTests
{
    private static long seq;

    private static UsageRecordEntity Entity(UsageEvent usage) => UsageRecordEntity.From(usage, "w1", Interlocked.Increment(ref seq));

    [Fact]
    public void Plan_SplitsByOwnerAndUtcDay_InBatchesOfAtMost100()
    {
        var records = Enumerable.Range(0, 250).Select(i => Entity(Events.Chat($"a{i}")))
            .Concat(Enumerable.Range(0, 3).Select(i => Entity(Events.Chat($"b{i}", owner: "tenant-b"))))
            .Concat([Entity(Events.Chat("next-day", Events.Noon.AddDays(1)))]);

        var batches = UsageRecords.Plan(records);

        Assert.Equal([100, 100, 50, 3, 1], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.Single(b.Select(r => r.PartitionKey).Distinct()));
        Assert.Equal(["tenant-a:20260315", "tenant-b:20260315", "tenant-a:20260316"], batches.Select(b => b[0].PartitionKey).Distinct());
    }

    [Fact]
    public void Plan_TheSameRequestRecordedTwice_IsWrittenOnce()
    {
        var batches = UsageRecords.Plan([Entity(Events.Chat("r1")), Entity(Events.Chat("r1")), Entity(Events.Chat("r2"))]);

        Assert.Equal(["r1", "r2"], batches.Single().Select(r => r.RowKey));
    }

    [Fact]
    public void Plan_ADifferentRequestReusingAnId_IsKeptUnderItsOwnRow()
    {
        var batches = UsageRecords.Plan([Entity(Events.Chat("r1")), Entity(Events.Chat("r1", completion: 99)), Entity(Events.Chat("r1", completion: 99))]);

        var rows = batches.Single().Select(r => r.RowKey).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal("r1", rows[0]);
        Assert.StartsWith("r1~", rows[1], StringComparison.Ordinal);
    }
}
