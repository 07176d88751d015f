using System.Text.Json;
using Serverless.Api.Prices;

namespace Serverless.Api.Usage;

/// <summary>The arithmetic of daily rollups, apart from storage so it can be tested on its own.</summary>
internal static class DailyRollup
{
    /// <summary>
    /// A retried merge comes within seconds, a spilled one at the next start; writers silent for longer are forgotten
    /// to keep rows small.
    /// </summary>
    internal static readonly TimeSpan ForgetWritersAfter = TimeSpan.FromDays(2);

    /// <summary>The most writers a row remembers, however busy the deployment.</summary>
    internal const int MaxWriters = 256;

    /// <summary>A new row holding just <paramref name="merge"/>.</summary>
    public static UsageDailyEntity Create(RollupMerge merge, DateTimeOffset now)
    {
        var row = new UsageDailyEntity
        {
            PartitionKey = UsageKeys.RollupPartition(merge.Owner),
            RowKey = UsageKeys.RollupRow(merge.Delta.Day, merge.Delta.Model),
            Owner = merge.Owner,
            Model = merge.Delta.Model,
        };
        Apply(row, merge, now);
        return row;
    }

    /// <summary>Adds <paramref name="merge"/> to <paramref name="row"/> unless its writer already did; true when it changed the row.</summary>
    public static bool Apply(UsageDailyEntity row, RollupMerge merge, DateTimeOffset now)
    {
        var writer = merge.Writer;
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
        row.Errors += delta.Errors;
        row.RateLimited += delta.RateLimited;
        row.Cached += delta.Cached;
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
        UsageKeys.DayOfRollupRow(row.RowKey), row.Model, row.PromptTokens, row.CompletionTokens, row.Requests, row.ComputeMs, Money.Parse(row.Cost), row.Errors, row.RateLimited, row.Cached);
}
