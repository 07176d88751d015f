using Serverless.Jobs;

namespace Serverless.Api.Jobs.Queues;

/// <summary>The Storage queues between the API and the GPU worker's job mode; infra/ creates them under these names and a test holds the two together.</summary>
public static class JobQueues
{
    /// <summary>Work for the GPU worker: the API enqueues here and the Container Apps job scales on this queue's length.</summary>
    public const string Jobs = JobQueueNames.Jobs;

    /// <summary>Finished work: the worker posts here and the API turns each message into its orchestration's event.</summary>
    public const string Results = JobQueueNames.Results;
}
