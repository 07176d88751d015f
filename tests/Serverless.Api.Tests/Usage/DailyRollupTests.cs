using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Serverless.Api.Usage;

namespace Serverless.Api.Tests.Usage;

public sealed class DailyRollupTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 15, 23, 59, 59, 999, TimeSpan.Zero));

    private static UsageRecordEntity Recorded(UsageEvent usage) => UsageRecordEntity.From(usage, "w1", 1);

    [Fact]
    public void Deltas_SplitAtMidnightUtc_NotAtTheCallersMidnight()
    {
        var beforeMidnight = time.GetUtcNow();
        time.Advance(TimeSpan.FromMilliseconds(1));
        var afterMidnight = time.GetUtcNow();

        var deltas = DailyRollup.Deltas(
        [
            Recorded(Events.Chat("r1", beforeMidnight)),
            Recorded(Events.Chat("r2", afterMidnight.ToOffset(TimeSpan.FromHours(-5)))), // 19:00 on the 15th in New York, billed to the 16th
            Recorded(Events.Chat("r3", beforeMidnight.ToOffset(TimeSpan.FromHours(8)))), // 07:59 on the 16th in Beijing, billed to the 15th
        ]).ToArray();

        Assert.Equal([new DateOnly(2026, 3, 15), new DateOnly(2026, 3, 16)], deltas.Select(d => d.Delta.Day));
        Assert.Equal([2L, 1L], deltas.Select(d => d.Delta.Requests));
    }

    [Fact]
    public void Deltas_SumPerOwnerDayAndModel()
    {
        var deltas = DailyRollup.Deltas(
        [
            Recorded(Events.Chat("r1", prompt: 1, completion: 2, cost: 0.1m)),
            Recorded(Events.Chat("r2", prompt: 3, completion: 4, cost: 0.2m)),
            Recorded(Events.Chat("r3", model: "other")),
            Recorded(Events.Chat("r4", owner: "tenant-b")),
        ]).ToArray();

        Assert.Equal(3, deltas.Length);
        Assert.Equal(("tenant-a", new DailyUsage(new DateOnly(2026, 3, 15), "gpt2-tiny", 4, 6, 2, 30, 0.3m)), deltas[0]);
        Assert.Equal(["tenant-a/other", "tenant-b/gpt2-tiny"], deltas[1..].Select(d => $"{d.Owner}/{d.Delta.Model}"));
    }

    [Theory]
    [InlineData(200, 0, 0, "0", true)]   // answered, even if it produced nothing
    [InlineData(429, 0, 0, "0", false)]  // refused by a limit: recorded for audit, not billed
    [InlineData(400, 0, 0, "0", false)]
    [InlineData(502, 0, 0, "0", false)]  // the worker failed before any token: released
    [InlineData(502, 12, 3, "0", true)]  // failed after delivering tokens: those are billed
    [InlineData(499, 0, 0, "0.01", true)]
    public void IsBillable_CountsAnswersAndAnythingThatUsedTokensOrCost(int status, int prompt, int completion, string cost, bool billable) =>
        Assert.Equal(billable, DailyRollup.IsBillable(Recorded(Events.Chat(
            "r", status: status, prompt: prompt, completion: completion, cost: decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture)))));

    [Fact]
    public void Apply_TheSameMergeTwice_CountsOnce()
    {
        var merge = new RollupMerge("tenant-a", new DailyUsage(new DateOnly(2026, 3, 15), "m", 10, 20, 1, 5, 0.5m), Seq: 7);
        var row = DailyRollup.Create(merge, "w1", time.GetUtcNow());

        var again = DailyRollup.Apply(row, merge, "w1", time.GetUtcNow());
        var older = DailyRollup.Apply(row, merge with { Seq = 6 }, "w1", time.GetUtcNow());
        var otherWriter = DailyRollup.Apply(row, merge, "w2", time.GetUtcNow());
        var next = DailyRollup.Apply(row, merge with { Seq = 8 }, "w1", time.GetUtcNow());

        Assert.Equal((false, false, true, true), (again, older, otherWriter, next));
        Assert.Equal(new DailyUsage(new DateOnly(2026, 3, 15), "m", 30, 60, 3, 15, 1.5m), DailyRollup.Read(row));
    }

    [Fact]
    public void Apply_ForgetsWritersSilentForHours_ButNeverItself()
    {
        var merge = new RollupMerge("tenant-a", new DailyUsage(new DateOnly(2026, 3, 15), "m", 1, 1, 1, 1, 0m), Seq: 1);
        var row = DailyRollup.Create(merge, "old", time.GetUtcNow());
        DailyRollup.Apply(row, merge, "recent", time.GetUtcNow());

        time.Advance(DailyRollup.ForgetWritersAfter + TimeSpan.FromSeconds(1));
        DailyRollup.Apply(row, merge with { Seq = 2 }, "recent", time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(1));
        DailyRollup.Apply(row, merge, "new", time.GetUtcNow());

        var writers = JsonSerializer.Deserialize(row.AppliedJson, UsageJsonContext.Default.DictionaryStringAppliedMark)!;
        Assert.Equal(["new", "recent"], writers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, row.Requests);
    }

    [Fact]
    public void Create_KeysTheRowByOwnerAndDayAndModel()
    {
        var merge = new RollupMerge("user@example.com", new DailyUsage(new DateOnly(2026, 3, 1), "org/model", 1, 1, 1, 1, 0m), Seq: 1);

        var row = DailyRollup.Create(merge, "w1", time.GetUtcNow());

        Assert.Equal(("user@example.com", "20260301:org!2Fmodel", "org/model"), (row.PartitionKey, row.RowKey, row.Model));
        Assert.Equal(new DateOnly(2026, 3, 1), DailyRollup.Read(row).Day);
    }
}
