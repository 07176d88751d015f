namespace Serverless.Api.Jobs.Orchestration;

/// <summary>The external events a job's orchestration waits for.</summary>
public static class JobEvents
{
    /// <summary>The worker's outcome (a <see cref="Serverless.Jobs.JobResultMessage"/>).</summary>
    public const string Result = "result";

    /// <summary>The owner cancelled the job; the payload says whether a worker was running it.</summary>
    public const string Cancel = "cancel";

    /// <summary>The <see cref="Cancel"/> payload of a job a worker runs: its report of what it generated follows.</summary>
    public const string CancelRunning = "running";

    /// <summary>The <see cref="Cancel"/> payload of a job no worker has started: it ends at once, costing nothing.</summary>
    public const string CancelQueued = "queued";
}
