namespace Serverless.Api.Jobs;

/// <summary>The external events a job's orchestration waits for.</summary>
public static class JobEvents
{
    /// <summary>The worker's outcome (a <see cref="Serverless.Jobs.JobResultMessage"/>).</summary>
    public const string Result = "result";

    /// <summary>The owner cancelled the job.</summary>
    public const string Cancel = "cancel";
}
