namespace Serverless.Jobs;

/// <summary>The states of a job, as the API shows them.</summary>
public static class JobStatus
{
    /// <summary>Accepted, waiting for a worker.</summary>
    public const string Queued = "queued";

    /// <summary>A worker is generating.</summary>
    public const string Running = "running";

    /// <summary>Done; the result is there.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Ended with an error.</summary>
    public const string Failed = "failed";

    /// <summary>Cancelled by its owner.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Not finished within its time limit.</summary>
    public const string Expired = "expired";

    /// <summary>Every status, in the order a job can reach them.</summary>
    public static IReadOnlyList<string> All { get; } = [Queued, Running, Succeeded, Failed, Cancelled, Expired];

    /// <summary>Whether <paramref name="status"/> is an end state.</summary>
    public static bool IsFinal(string? status) => status is Succeeded or Failed or Cancelled or Expired;
}
