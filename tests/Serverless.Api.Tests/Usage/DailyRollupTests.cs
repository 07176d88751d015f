using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Serverless.Api.Usage;

namespace Serverless.Api.Tests.Usage;

public sealed class DailyRollupTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 15, 23, 59, 59, 999, TimeSpan.Zero));

    [Theory]
    [InlineData(200, 0, 0, "0", true)]   // answered, even if it produced nothing
    [InlineData(429, 0, 0, "0", false)]  // refused by a limit: in the request log, not billed
    [InlineData(400, 0, 0, "0", false)]
    [InlineData(502, 0, 0, "0", false)]  // the worker failed before any token: released
    [InlineData(502, 12, 3, "0", true)]  // failed after delivering tokens: those are billed
    [InlineData(499, 0, 0, "0.01", true)]
    public void IsBillable_CountsAnswersAndAnythingThatUsedTokensOrCost(int status, int prompt, int completion, string cost, bool billable) =>
        Assert.Equal(billable, UsageRecorder.IsBillable(Events.Chat(
            "r", status: status, prompt: prompt, completion: completion, cost: decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Apply_TheSameMergeTwice_CountsOnce()
    {
        var merge = new RollupMerge("w1", "tenant-a", new DailyUsage(new DateOnly(2026, 3, 15), "m", 10, 20, 1, 5, 0.5m), Seq: 7);
        var row = DailyRollup.Create(merge, time.GetUtcNow());

        var again = DailyRollup.Apply(row, merge, time.GetUtcNow());
        var older = DailyRollup.Apply(row, merge with { Seq = 6 }, time.GetUtcNow());
        var otherWriter = DailyRollup.Apply(row, merge with { Writer = "w2" }, time.GetUtcNow());
        var next = DailyRollup.Apply(row, merge with { Seq = 8 }, time.GetUtcNow());

        Assert.Equal((false, false, true, true), (again, older, otherWriter, next));
        Assert.Equal(new DailyUsage(new DateOnly(2026, 3, 15), "m", 30, 60, 3, 15, 1.5m), DailyRollup.Read(row));
    }

    [Fact]
    public void Apply_ForgetsWritersSilentForDays_ButNeverItself()
    {
        var merge = new RollupMerge("old", "tenant-a", new DailyUsage(new DateOnly(2026, 3, 15), "m", 1, 1, 1, 1, 0m), Seq: 1);
        var row = DailyRollup.Create(merge, time.GetUtcNow());
        DailyRollup.Apply(row, merge with { Writer = "recent" }, time.GetUtcNow());

        time.Advance(DailyRollup.ForgetWritersAfter + TimeSpan.FromSeconds(1));
        DailyRollup.Apply(row, merge with { Writer = "recent", Seq = 2 }, time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(1));
        DailyRollup.Apply(row, merge with { Writer = "new" }, time.GetUtcNow());

        var writers = JsonSerializer.Deserialize(row.AppliedJson, UsageJsonContext.Default.DictionaryStringAppliedMark)!;
        Assert.Equal(["new", "recent"], writers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, row.Requests);
    }

    [Fact]
    public void Create_KeysTheRowByOwnerAndDayAndModel()
    {
        var merge = new RollupMerge("w1", "user@example.com", new DailyUsage(new DateOnly(2026, 3, 1), "org/model", 1, 1, 1, 1, 0m), Seq: 1);

        var row = DailyRollup.Create(merge, time.GetUtcNow());

        Assert.Equal(("user@example.com", "20260301:org!2Fmodel", "org/model"), (row.PartitionKey, row.RowKey, row.Model));
        Assert.Equal(new DateOnly(2026, 3, 1), DailyRollup.Read(row).Day);
    }
}
