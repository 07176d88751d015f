using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Usage;

/// <summary>How usage is recorded, bound from the <c>Usage</c> section.</summary>
public sealed class UsageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Usage";

    /// <summary>How often buffered usage is written; at most a second, so the usage API lags by about that.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records kept in memory while storage is unreachable; beyond it the oldest are dropped (and logged) rather
    /// than letting an outage exhaust the instance's memory.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int MaxBufferedRecords { get; set; } = 200_000;

    /// <summary>Storage calls a flush makes at once (batches of different partitions, merges of different rows).</summary>
    [Range(1, 64)]
    public int FlushParallelism { get; set; } = 8;
}
