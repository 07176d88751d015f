using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Serverless.Jobs;

namespace Serverless.Worker.Jobs;

/// <summary>A work message as it was received: renewing, deleting and poisoning it all go through the queue it came from.</summary>
/// <param name="Class">The class of that queue.</param>
/// <param name="Queue">The work queue it came from.</param>
/// <param name="Message">The message.</param>
internal sealed record WorkDelivery(PriorityClass Class, QueueClient Queue, QueueMessage Message);
