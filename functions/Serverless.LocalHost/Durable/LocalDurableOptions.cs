using System.ComponentModel.DataAnnotations;

namespace Serverless.LocalHost.Durable;

/// <summary>The local Durable Task backend, bound from the <c>Durable</c> section.</summary>
public sealed class LocalDurableOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Durable";

    /// <summary>The task hub (the prefix of its queues and tables); host.json names the same hub for Functions.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHubName { get; set; } = "serverlessjobs";

    /// <summary>
    /// The longest wait between two polls of an idle queue. The backend polls, so this bounds how long a job's next
    /// step can sit unseen; about a second or less keeps submit-to-done under a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// This process's name among the hub's workers. The same name after a restart takes the partitions back at
    /// once instead of waiting for the dead process's leases to lapse; two live hosts on one hub need two names.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// The task hub's partitions (control queues). More let more hosts share the orchestrations (Functions in Azure
    /// keeps its default of 4); the local host is one host, where every partition is one more queue to poll and
    /// orchestration messages batch less: one partition ran the job benchmark at 18–21 jobs/s against 15–17 with
    /// four. Changing it on a hub with jobs in flight may disturb those jobs (the backend warns).
    /// </summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 1;

    /// <summary>
    /// How long an orchestration message stays hidden once a host took it. A host that dies holding messages delays
    /// those orchestrations by this much (the backend's default is 5 minutes); job orchestration steps take
    /// milliseconds, so half a minute is ample.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The same for activity messages: an activity still running past it runs again (the job activities are
    /// idempotent; a webhook call may repeat with the same <c>webhook-id</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:30:00")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many orchestration and activity work items run at once.</summary>
    [Range(1, 1000)]
    public int Concurrency { get; set; } = 100;
}
