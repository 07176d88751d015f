using Azure.Storage.Queues;
using Serverless.Jobs;

namespace Serverless.Worker.Jobs;

/// <summary>
/// The work queues of every class (<c>jobs-high</c>, <c>jobs</c>, <c>jobs-low</c>), taken from in strict priority: the
/// high queue first, the normal one only for the slots high work leaves free, the low one only for what is left. A
/// low job waits as long as higher work keeps coming; one already running is never preempted.
/// </summary>
internal sealed class WorkQueues(QueueServiceClient queues)
{
    /// <summary>The queues, highest class first.</summary>
    public IReadOnlyList<(PriorityClass Class, QueueClient Queue)> ByClass { get; } =
        [.. JobQueueNames.WorkByClass.Select(c => (c.Class, queues.GetQueueClient(c.Queue)))];

    /// <summary>
    /// Receives up to <paramref name="count"/> messages (at most 32), hidden for <paramref name="visibility"/>, from the
    /// highest classes that have any: one storage call per class asked, and none past the class that filled the count.
    /// </summary>
    public async Task<IReadOnlyList<WorkDelivery>> ReceiveAsync(int count, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var received = new List<WorkDelivery>(count);
        foreach (var (priority, queue) in ByClass)
        {
            var wanted = Math.Min(32, count - received.Count);
            if (wanted <= 0)
            {
                break;
            }

            var messages = (await queue.ReceiveMessagesAsync(wanted, visibility, cancellationToken)).Value;
            received.AddRange(messages.Select(m => new WorkDelivery(priority, queue, m)));
        }

        return received;
    }
}
