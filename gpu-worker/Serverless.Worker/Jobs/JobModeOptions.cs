using System.ComponentModel.DataAnnotations;

namespace Serverless.Worker.Jobs;

/// <summary>The job mode (the Container Apps job), bound from the <c>JobMode</c> section.</summary>
public sealed class JobModeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "JobMode";

    /// <summary>Exit once the queue has stayed empty this long (one Container Apps job execution).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan IdleExitAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Take no new job once the execution has run this long, finish those it holds, and exit: set below the Container
    /// Apps job's replica timeout minus the longest job, so the platform never stops an execution mid-job.
    /// Not applied with <see cref="RunForever"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "2.00:00:00")]
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromMinutes(50);

    /// <summary>Never exit for lack of work or for <see cref="MaxRunTime"/> (the local stack's worker).</summary>
    public bool RunForever { get; set; }

    /// <summary>A message delivered more often than this goes to the poison queue and its job fails.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a message stays hidden while a job runs; renewed at a third of it, so a crash frees it soon.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many jobs run at once (the engine batches their decoding).</summary>
    [Range(1, 256)]
    public int MaxConcurrentJobs { get; set; } = 16;

    /// <summary>
    /// How often a running job's row is read for a cancel; a cancelled job stops at its next decode step after that
    /// and is billed for what it generated. A job's deadline stops it without polling.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan CancelCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two polls of an empty queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
