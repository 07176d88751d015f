using Azure.Storage.Queues;
using Serverless.Jobs;
using Serverless.Api.Storage;

namespace Serverless.Api.Jobs.Queues;

/// <summary>The job queues (Base64 messages, as the Functions trigger reads them), each created once.</summary>
public sealed class JobQueueClients(QueueServiceClient queues)
{
    private Task? created;

    /// <summary>The work queue.</summary>
    public QueueClient Jobs { get; } = queues.GetQueueClient(JobQueueNames.Jobs);

    /// <summary>The results queue.</summary>
    public QueueClient Results { get; } = queues.GetQueueClient(JobQueueNames.Results);

    /// <summary>Creates both queues if they do not exist (once per process).</summary>
    public Task EnsureCreatedAsync() =>
        CreateOnce.EnsureAsync(ref created, () => Task.WhenAll(Jobs.CreateIfNotExistsAsync(), Results.CreateIfNotExistsAsync()));
}
