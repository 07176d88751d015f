using Serverless.Api.Prices;

namespace Serverless.Api.Usage;

/// <summary>Turns rollup rows into the usage API's answer: oldest day first, models by id, and the total.</summary>
internal static class UsageReport
{
    /// <summary>The answer for <paramref name="rows"/> grouped as <paramref name="grouping"/> asks.</summary>
    public static UsageList Build(IEnumerable<DailyUsage> rows, UsageGrouping grouping)
    {
        var selected = grouping == UsageGrouping.Day
            ? rows.GroupBy(r => r.Day).Select(day => day.Aggregate((a, b) => a.Plus(b)) with { Model = string.Empty })
            : rows;
        var data = selected
            .OrderBy(r => r.Day).ThenBy(r => r.Model, StringComparer.Ordinal)
            .Select(r => new UsageRow(
                new DateTimeOffset(r.Day, TimeOnly.MinValue, TimeSpan.Zero).ToUnixTimeSeconds(),
                grouping == UsageGrouping.Day ? null : r.Model,
                r.PromptTokens,
                r.CompletionTokens,
                r.PromptTokens + r.CompletionTokens,
                r.Requests,
                Money.Normalize(r.Cost),
                r.Errors,
                r.RateLimited,
                r.Cached))
            .ToArray();
        var total = new UsageTotal(
            data.Sum(r => r.PromptTokens),
            data.Sum(r => r.CompletionTokens),
            data.Sum(r => r.TotalTokens),
            data.Sum(r => r.Requests),
            Money.Normalize(data.Sum(r => r.Cost)),
            data.Sum(r => r.Errors),
            data.Sum(r => r.RateLimited),
            data.Sum(r => r.Cached));
        return new UsageList(data, total);
    }
}
