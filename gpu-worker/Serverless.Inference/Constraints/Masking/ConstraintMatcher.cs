using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Constraints.Masking;

/// <summary>
/// One sequence's place in its constraint: masks each row of logits before sampling and follows each sampled
/// token. Keeps the document closable within the tokens left: a token that would leave a longer shortest
/// completion than there are tokens is refused, and once the shortest completion takes every token left, only
/// tokens along it are allowed.
/// </summary>
internal sealed class ConstraintMatcher(JsonConstraint constraint, TokenVocabulary vocabulary)
{
    private readonly List<Frame> scratch = [];
    private MatchState state = MatchState.Start(constraint.Root);

    /// <summary>Whether the document is closed; the sequence ends here.</summary>
    public bool IsComplete => state.IsComplete;

    /// <summary>Copies <paramref name="logits"/> into <paramref name="masked"/> with every refused token at −∞.</summary>
    public void Mask(ReadOnlySpan<float> logits, Span<float> masked, int tokensLeft)
    {
        var entry = MaskCache.Shared.Get(vocabulary, state);
        var any = entry.CloseCost >= tokensLeft ? MaskToCompletion(entry, logits, masked) : MaskWithBudget(entry, logits, masked, tokensLeft);
        if (entry.Accepting || !any)
        {
            // End tokens only where the document may end; and should nothing else be left (a bug), an end token
            // stops the sequence rather than letting it write outside the grammar.
            foreach (var end in vocabulary.EndTokens)
            {
                masked[end] = logits[end];
            }
        }
    }

    /// <summary>Follows the sampled token; end tokens carry no bytes.</summary>
    public void Advance(int token)
    {
        if (token >= vocabulary.Size || vocabulary.TokenBytes[token] is not { } bytes)
        {
            return;
        }

        state = state.Step(bytes, scratch) ?? throw new InvalidOperationException($"Token {token} was sampled though the grammar refuses it.");
    }

    private static bool MaskWithBudget(MaskEntry entry, ReadOnlySpan<float> logits, Span<float> masked, int tokensLeft)
    {
        // One pass over the row, a word of the bitset (64 tokens) at a time: whole words are copied or filled.
        var allowed = entry.Allowed;
        for (var start = 0; start < logits.Length; start += 64)
        {
            var length = Math.Min(64, logits.Length - start);
            var w = start >> 6;
            var bits = w < allowed.Length ? allowed[w] : 0UL;
            if (bits == ulong.MaxValue && length == 64)
            {
                logits.Slice(start, 64).CopyTo(masked.Slice(start, 64));
            }
            else if (bits == 0)
            {
                masked.Slice(start, length).Fill(float.NegativeInfinity);
            }
            else
            {
                for (var i = 0; i < length; i++)
                {
                    masked[start + i] = ((bits >> i) & 1) != 0 ? logits[start + i] : float.NegativeInfinity;
                }
            }
        }

        // Tokens that lengthen the shortest completion beyond what the tokens after this one can write.
        foreach (var (token, closeCost) in entry.Growing)
        {
            if (closeCost > tokensLeft - 1)
            {
                masked[token] = float.NegativeInfinity;
            }
        }

        return entry.AllowedCount > 0;
    }

    /// <summary>Closing mode: only tokens that spell a prefix of the shortest completion.</summary>
    private bool MaskToCompletion(MaskEntry entry, ReadOnlySpan<float> logits, Span<float> masked)
    {
        masked.Fill(float.NegativeInfinity);
        var any = false;
        var node = 0;
        foreach (var b in entry.ShortestCompletion)
        {
            node = vocabulary.Child(node, b);
            if (node < 0)
            {
                break;
            }

            foreach (var token in vocabulary.TokensAt(node))
            {
                masked[token] = logits[token];
                any = true;
            }
        }

        return any;
    }
}
