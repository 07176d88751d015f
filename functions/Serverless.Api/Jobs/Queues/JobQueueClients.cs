using Azure.Storage.Queues;
using Serverless.Jobs;
using Serverless.Api.Storage;

namespace Serverless.Api.Jobs.Queues;

/// <summary>The job queues (Base64 messages, as the Functions trigger reads them), each created once.</summary>
public sealed class JobQueueClients(QueueServiceClient queues)
{
    private readonly IReadOnlyDictionary<PriorityClass, QueueClient> work =
        JobQueueNames.WorkByClass.ToDictionary(c => c.Class, c => queues.GetQueueClient(c.Queue));

    private Task? created;

    /// <summary>The results queue.</summary>
    public QueueClient Results { get; } = queues.GetQueueClient(JobQueueNames.Results);

    /// <summary>The work queue of <paramref name="priority"/>'s class.</summary>
    public QueueClient WorkOf(PriorityClass priority) => work[priority];

    /// <summary>Creates every work queue and the results queue if they do not exist (once per process).</summary>
    public Task EnsureCreatedAsync() =>
        CreateOnce.EnsureAsync(ref created, () => Task.WhenAll([.. work.Values.Select(q => q.CreateIfNotExistsAsync()), Results.CreateIfNotExistsAsync()]));
}
