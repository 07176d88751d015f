using Serverless.Jobs;

namespace Serverless.Api.Jobs.Queues;

/// <summary>The Storage queues between the API and the GPU worker's job mode; infra/ creates them under these names and a test holds them together.</summary>
public static class JobQueues
{
    /// <summary>Normal-class work for the GPU worker: the API enqueues here and the Container Apps job scales on this queue's length (and the other classes').</summary>
    public const string Jobs = JobQueueNames.Jobs;

    /// <summary>High-class work: the job worker takes from it before <see cref="Jobs"/>.</summary>
    public const string JobsHigh = JobQueueNames.JobsHigh;

    /// <summary>Low-class work: the job worker takes from it only when the other two are empty.</summary>
    public const string JobsLow = JobQueueNames.JobsLow;

    /// <summary>Finished work: the worker posts here and the API turns each message into its orchestration's event.</summary>
    public const string Results = JobQueueNames.Results;
}
