namespace Serverless.Jobs;

/// <summary>The Storage queues and containers of async jobs, by name.</summary>
public static class JobQueueNames
{
    /// <summary>Work for the GPU worker of the <see cref="PriorityClass.Normal"/> class (the name it had before there were classes, so an upgrade drains it).</summary>
    public const string Jobs = "jobs";

    /// <summary>Work for the GPU worker of the <see cref="PriorityClass.High"/> class.</summary>
    public const string JobsHigh = "jobs-high";

    /// <summary>Work for the GPU worker of the <see cref="PriorityClass.Low"/> class.</summary>
    public const string JobsLow = "jobs-low";

    /// <summary>Finished work, back to the API.</summary>
    public const string Results = "results";

    /// <summary>Work messages delivered too often, of every class; kept for an operator to look at.</summary>
    public const string JobsPoison = "jobs-poison";

    /// <summary>The blob container for request and result bodies too large for a table property.</summary>
    public const string PayloadContainer = "job-payloads";

    /// <summary>The work queues, highest class first: the order the job worker takes from them.</summary>
    public static IReadOnlyList<(PriorityClass Class, string Queue)> WorkByClass { get; } =
    [
        (PriorityClass.High, JobsHigh),
        (PriorityClass.Normal, Jobs),
        (PriorityClass.Low, JobsLow),
    ];

    /// <summary>The work queue of <paramref name="priority"/>'s class.</summary>
    public static string WorkQueueOf(PriorityClass priority) => priority switch
    {
        PriorityClass.High => JobsHigh,
        PriorityClass.Low => JobsLow,
        _ => Jobs,
    };
}
