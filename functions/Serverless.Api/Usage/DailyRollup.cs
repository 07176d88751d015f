using System.Text.Json;
using Serverless.Api.Prices;

namespace Serverless.Api.Usage;

/// <summary>The arithmetic of daily rollups, apart from storage so it can be tested on its own.</summary>
internal static class DailyRollup
{
    /// <summary>A retry of a merge comes within seconds; writers silent for longer are forgotten to keep rows small.</summary>
    internal static readonly TimeSpan ForgetWritersAfter = TimeSpan.FromHours(6);

    /// <summary>The most writers a row remembers, however busy the deployment.</summary>
    internal const int MaxWriters = 256;

    /// <summary>
    /// Whether a request counts in the usage API and the bill: anything answered successfully, or that used tokens
    /// or cost something. Rejections (400, 401, 429, ...) stay in the records, for audit, but not in the rollups.
    /// </summary>
    public static bool IsBillable(UsageRecordEntity record) =>
        record.Status < 400 || record.PromptTokens > 0 || record.CompletionTokens > 0 || Money.Parse(record.Cost) > 0;

    /// <summary>Sums newly recorded requests into one addition per owner, UTC day and model.</summary>
    public static IEnumerable<(string Owner, DailyUsage Delta)> Deltas(IEnumerable<UsageRecordEntity> recorded) =>
        recorded.Where(IsBillable)
            .GroupBy(r => (r.Owner, Day: UsageKeys.DayOf(r.OccurredAt), r.Model))
            .OrderBy(g => g.Key.Owner, StringComparer.Ordinal).ThenBy(g => g.Key.Day).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => (g.Key.Owner, g.Aggregate(
                new DailyUsage(g.Key.Day, g.Key.Model, 0, 0, 0, 0, 0m),
                (sum, r) => sum.Plus(new DailyUsage(sum.Day, sum.Model, r.PromptTokens, r.CompletionTokens, 1, r.ComputeMs, Money.Parse(r.Cost))))));

    /// <summary>A new row holding just <paramref name="merge"/>.</summary>
    public static UsageDailyEntity Create(RollupMerge merge, string writer, DateTimeOffset now)
    {
        var row = new UsageDailyEntity
        {
            PartitionKey = UsageKeys.RollupPartition(merge.Owner),
            RowKey = UsageKeys.RollupRow(merge.Delta.Day, merge.Delta.Model),
            Owner = merge.Owner,
            Model = merge.Delta.Model,
        };
        Apply(row, merge, writer, now);
        return row;
    }

    /// <summary>Adds <paramref name="merge"/> to <paramref name="row"/> unless this writer already did; true when it changed the row.</summary>
    public static bool Apply(UsageDailyEntity row, RollupMerge merge, string writer, DateTimeOffset now)
    {
        var applied = JsonSerializer.Deserialize(row.AppliedJson, UsageJsonContext.Default.DictionaryStringAppliedMark) ?? [];
        if (applied.TryGetValue(writer, out var mark) && mark.Seq >= merge.Seq)
        {
            return false;
        }

        var delta = merge.Delta;
        row.PromptTokens += delta.PromptTokens;
        row.CompletionTokens += delta.CompletionTokens;
        row.Requests += delta.Requests;
        row.ComputeMs += delta.ComputeMs;
        row.Cost = Money.Format(Money.Parse(row.Cost) + delta.Cost);

        var at = now.ToUnixTimeSeconds();
        applied[writer] = new AppliedMark(merge.Seq, at);
        var forgetBefore = at - (long)ForgetWritersAfter.TotalSeconds;
        var kept = applied.Where(a => a.Key == writer || a.Value.At >= forgetBefore)
            .OrderByDescending(a => a.Value.At).Take(MaxWriters)
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        row.AppliedJson = JsonSerializer.Serialize(kept, UsageJsonContext.Default.DictionaryStringAppliedMark);
        return true;
    }

    /// <summary>The usage a stored row holds.</summary>
    public static DailyUsage Read(UsageDailyEntity row) => new(
        UsageKeys.DayOfRollupRow(row.RowKey), row.Model, row.PromptTokens, row.CompletionTokens, row.Requests, row.ComputeMs, Money.Parse(row.Cost));
}
