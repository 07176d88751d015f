namespace Serverless.Client.Webhooks;

/// <summary>
/// The webhook ids verified recently, each until its expiry; bounded: when full, the oldest is forgotten first.
/// Expiries grow with insertion (each is now plus the same window), so the queue is in expiry order.
/// </summary>
internal sealed class ReplayWindow(int capacity)
{
    private readonly Dictionary<string, DateTimeOffset> expiries = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset Expires)> order = new();
    private readonly Lock gate = new();

    /// <summary>Remembers <paramref name="id"/> until <paramref name="expires"/>; false if it is remembered already.</summary>
    public bool TryAdd(string id, DateTimeOffset expires, DateTimeOffset now)
    {
        lock (gate)
        {
            // Every remembered id has its latest entry in the queue, so bounding the queue bounds both.
            while (order.TryPeek(out var oldest) && (oldest.Expires <= now || order.Count >= capacity))
            {
                order.Dequeue();
                if (expiries.TryGetValue(oldest.Id, out var current) && current == oldest.Expires)
                {
                    expiries.Remove(oldest.Id);
                }
            }

            if (expiries.TryGetValue(id, out var until) && until > now)
            {
                return false;
            }

            expiries[id] = expires;
            order.Enqueue((id, expires));
            return true;
        }
    }

    /// <summary>Forgets <paramref name="id"/>.</summary>
    public void Remove(string id)
    {
        lock (gate)
        {
            expiries.Remove(id);
        }
    }
}
