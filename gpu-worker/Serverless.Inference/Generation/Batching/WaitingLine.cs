namespace Serverless.Inference.Generation.Batching;

/// <summary>
/// The requests waiting to join a full batch, in the order they join: higher <see cref="GenerationRequest.Priority"/>
/// first, and in arrival order within a priority. Strict priority: a steady stream of higher-priority requests keeps
/// lower ones waiting for as long as it lasts (they are not aged up), which is the point of a class; their callers'
/// own timeouts bound the wait. Owned by the scheduler thread.
/// </summary>
internal sealed class WaitingLine
{
    private readonly PriorityQueue<Sequence, (int Priority, long Arrival)> queue = new(JoinOrder.Instance);
    private long arrivals;

    /// <summary>How many requests wait.</summary>
    public int Count => queue.Count;

    /// <summary>Puts <paramref name="sequence"/> in line behind every request of its priority or higher.</summary>
    public void Add(Sequence sequence) => queue.Enqueue(sequence, (sequence.Request.Priority, arrivals++));

    /// <summary>Takes the request that joins next; false when none waits.</summary>
    public bool TryTake(out Sequence sequence) => queue.TryDequeue(out sequence!, out _);

    /// <summary>Higher priority first, then earlier arrival.</summary>
    private sealed class JoinOrder : IComparer<(int Priority, long Arrival)>
    {
        public static readonly JoinOrder Instance = new();

        public int Compare((int Priority, long Arrival) x, (int Priority, long Arrival) y) =>
            x.Priority != y.Priority ? y.Priority.CompareTo(x.Priority) : x.Arrival.CompareTo(y.Arrival);
    }
}
