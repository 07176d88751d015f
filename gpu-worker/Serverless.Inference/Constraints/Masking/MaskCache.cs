using System.Collections.Concurrent;
using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Constraints.Masking;

/// <summary>
/// Masks by vocabulary and matcher state, shared by every request of every constraint in the process (a state holds
/// its grammar's nodes, so two constraints never share a key). Inside a string or a number the state repeats from
/// step to step, so after the first token a mask is a lookup. Bounded in bytes for the whole process, however many
/// schemas tenants send: past <see cref="DefaultCapacityBytes"/> every mask is dropped and recomputed as needed.
/// </summary>
internal sealed class MaskCache(long capacityBytes)
{
    /// <summary>
    /// A GPT-2-sized mask is 6 KiB of bits plus 8 bytes for each token that would lengthen the document's shortest
    /// close (up to ~400 KiB where most do): some 160 to 10,000 masks.
    /// </summary>
    public const long DefaultCapacityBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<(TokenVocabulary Vocabulary, MatchState State), MaskEntry> masks = new();
    private readonly Lock clearing = new();
    private long bytes;

    /// <summary>The process's cache.</summary>
    public static MaskCache Shared { get; } = new(DefaultCapacityBytes);

    /// <summary>What the masks held now take, about.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public int Count => masks.Count;

    public MaskEntry Get(TokenVocabulary vocabulary, MatchState state)
    {
        if (masks.TryGetValue((vocabulary, state), out var entry))
        {
            return entry;
        }

        entry = MaskBuilder.Build(vocabulary, state);
        var size = SizeOf(entry);
        if (size > capacityBytes)
        {
            return entry;
        }

        if (Interlocked.Add(ref bytes, size) > capacityBytes)
        {
            lock (clearing)
            {
                masks.Clear();
                Interlocked.Exchange(ref bytes, size);
            }
        }

        if (!masks.TryAdd((vocabulary, state), entry))
        {
            Interlocked.Add(ref bytes, -size);
        }

        return entry;
    }

    private static long SizeOf(MaskEntry entry) =>
        128 + (entry.Allowed.Length * 8L) + (entry.Growing.Length * 8L) + entry.ShortestCompletion.Length;
}
