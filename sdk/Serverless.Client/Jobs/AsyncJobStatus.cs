namespace Serverless.Client.Jobs;

/// <summary>The statuses of an async job.</summary>
public static class AsyncJobStatus
{
    /// <summary>Accepted, waiting for a worker.</summary>
    public const string Queued = "queued";

    /// <summary>A worker is running it.</summary>
    public const string Running = "running";

    /// <summary>Ended with a result.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Ended without a result; <see cref="AsyncJob.Error"/> says why.</summary>
    public const string Failed = "failed";

    /// <summary>Ended because its owner cancelled it.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Ended because it ran past its <c>timeout_seconds</c>.</summary>
    public const string Expired = "expired";

    /// <summary>Whether <paramref name="status"/> is one a job ends in.</summary>
    public static bool IsTerminal(string? status) => status is Succeeded or Failed or Cancelled or Expired;
}
