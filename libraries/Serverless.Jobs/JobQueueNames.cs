namespace Serverless.Jobs;

/// <summary>The Storage queues and containers of async jobs, by name.</summary>
public static class JobQueueNames
{
    /// <summary>Work for the GPU worker.</summary>
    public const string Jobs = "jobs";

    /// <summary>Finished work, back to the API.</summary>
    public const string Results = "results";

    /// <summary>Work messages delivered too often; kept for an operator to look at.</summary>
    public const string JobsPoison = "jobs-poison";

    /// <summary>The blob container for request and result bodies too large for a table property.</summary>
    public const string PayloadContainer = "job-payloads";
}
