using System.Collections.Concurrent;
using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Constraints.Masking;

/// <summary>
/// Masks by vocabulary and matcher state, shared by every request of one compiled constraint. Inside a string or a
/// number the state repeats from step to step, so after the first token a mask is a lookup. Bounded: past
/// <see cref="Capacity"/> states a vocabulary's masks are dropped and recomputed as needed.
/// </summary>
internal sealed class MaskCache
{
    /// <summary>About 6 KiB per GPT-2-sized mask, so some 12 MiB at most per model and constraint.</summary>
    public const int Capacity = 2048;

    private readonly ConcurrentDictionary<TokenVocabulary, ConcurrentDictionary<MatchState, MaskEntry>> byVocabulary = new(ReferenceEqualityComparer.Instance);

    public MaskEntry Get(TokenVocabulary vocabulary, MatchState state)
    {
        var masks = byVocabulary.GetOrAdd(vocabulary, _ => new ConcurrentDictionary<MatchState, MaskEntry>());
        if (masks.TryGetValue(state, out var entry))
        {
            return entry;
        }

        entry = MaskBuilder.Build(vocabulary, state);
        if (masks.Count >= Capacity)
        {
            masks.Clear();
        }

        masks.TryAdd(state, entry);
        return entry;
    }
}
