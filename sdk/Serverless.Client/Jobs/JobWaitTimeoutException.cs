namespace Serverless.Client.Jobs;

/// <summary>Thrown by <see cref="ServerlessClient.WaitForCompletionAsync"/> when the job has not ended within the timeout; the job goes on.</summary>
public sealed class JobWaitTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for <paramref name="lastSeen"/>, the job as last polled (null if no poll answered).</summary>
    public JobWaitTimeoutException(string jobId, TimeSpan timeout, AsyncJob? lastSeen)
        : base($"Job {jobId} did not end within {timeout}; last seen {lastSeen?.Status ?? "never"}.")
    {
        JobId = jobId;
        LastSeen = lastSeen;
    }

    /// <summary>The job waited for.</summary>
    public string JobId { get; }

    /// <summary>The job as the last answered poll showed it, if any did.</summary>
    public AsyncJob? LastSeen { get; }
}
