using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Jobs;

/// <summary>How async jobs run, bound from the <c>Jobs</c> section.</summary>
public sealed class JobOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Jobs";

    /// <summary>How long a job may wait and run before it ends <c>expired</c>, unless the request asks for less.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest <c>timeout_seconds</c> a request may ask for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most jobs one page of the list holds.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>
    /// Async jobs a key may have queued or running at once when neither it nor its tier sets <c>max_jobs</c>: queued
    /// work is a claim on the GPUs, so it is always finite.
    /// </summary>
    [Range(1, ActiveJobs.MaxLimit)]
    public int DefaultMaxJobs { get; set; } = 64;

    /// <summary>
    /// How long an event (a worker's result, a cancel) waits for its job's orchestration to start. After that it is
    /// raised anyway, and a result's message is kept to raise it again when it comes back (see <see cref="JobEventRaiser"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan EventWaitForStart { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the job queues' length and oldest message are read for the metrics.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan QueueProbeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an ended job's orchestration history is kept (for debugging) before it is purged (<see cref="JobHistoryPurger"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the local host purges ended orchestrations' history (Functions runs its timer every 10 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HistoryPurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether this host runs the results-queue listener (the local host; Functions uses its queue trigger).</summary>
    public bool ListenForResults { get; set; }
}
