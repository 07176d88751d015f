using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Batches;

/// <summary>How batches run (section <c>Batches</c>).</summary>
public sealed class BatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Batches";

    /// <summary>The most lines one work message carries to a worker.</summary>
    [Range(1, 1000)]
    public int ChunkLines { get; set; } = 50;

    /// <summary>The most chunks of one batch on the queue or running at once.</summary>
    [Range(1, 256)]
    public int MaxChunksInFlight { get; set; } = 4;

    /// <summary>The most lines an input file may have (OpenAI's limit).</summary>
    [Range(1, 1_000_000)]
    public int MaxLines { get; set; } = 50_000;

    /// <summary>The most batches a page lists.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>How long a batch may run: its completion window (only <c>24h</c> is offered, as OpenAI does).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "2.00:00:00")]
    public TimeSpan CompletionWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long the chunks out when a batch is cancelled or its window ends are waited for (their workers stop them
    /// between two lines) before they are given up as not run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StopWait { get; set; } = TimeSpan.FromMinutes(5);
}
