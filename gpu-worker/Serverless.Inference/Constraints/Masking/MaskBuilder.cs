using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Constraints.Masking;

/// <summary>
/// Computes a state's <see cref="MaskEntry"/>: a depth-first walk of the vocabulary trie that carries the matcher
/// state down (states are immutable, so branching is free) and prunes a subtree at the first refused byte. Inside
/// a plain string (most of a free text's steps) the plain tokens are taken as a block and only the subtrees holding
/// a quote, a backslash, a control byte or part of a character are walked.
/// </summary>
internal static class MaskBuilder
{
    public static MaskEntry Build(TokenVocabulary vocabulary, MatchState state)
    {
        var walk = new Walk(vocabulary, state.CloseCost, InPlainString(state) ? state : null);
        walk.Visit(0, state);
        if (walk.PlainRoot is not null)
        {
            for (var w = 0; w < walk.Allowed.Length; w++)
            {
                walk.Allowed[w] |= vocabulary.PlainString[w];
            }
        }

        var count = walk.Allowed.Sum(w => System.Numerics.BitOperations.PopCount(w));
        return new MaskEntry(walk.Allowed, [.. walk.Growing], state.CloseCost, state.ShortestCompletion(), state.IsAccepting, count);
    }

    private static bool InPlainString(MatchState state) => state.Threads is [{ Kind: FrameKind.String, Phase: 0, Utf8: 0 }];

    private sealed class Walk(TokenVocabulary vocabulary, int closeCost, MatchState? plainRoot)
    {
        private readonly List<Frame> scratch = [];

        public ulong[] Allowed { get; } = new ulong[vocabulary.Words];

        public List<(int Token, int CloseCost)> Growing { get; } = [];

        /// <summary>The state the walk started from when it is inside a plain string; null otherwise.</summary>
        public MatchState? PlainRoot { get; } = plainRoot;

        public void Visit(int node, MatchState state)
        {
            var (start, end) = vocabulary.Edges(node);
            for (var edge = start; edge < end; edge++)
            {
                if (state.Step(vocabulary.EdgeByte(edge), scratch) is not { } next)
                {
                    continue;
                }

                var child = vocabulary.EdgeTarget(edge);

                // Every byte so far left the string as it was (the same state object comes back only then): the
                // plain tokens here and below are in the block, and only subtrees with other tokens need a look.
                if (PlainRoot is not null && ReferenceEquals(next, PlainRoot))
                {
                    if (vocabulary.EscapesBelow(child))
                    {
                        Visit(child, next);
                    }

                    continue;
                }

                var ending = vocabulary.TokensAt(child);
                if (ending.Length > 0)
                {
                    var cost = next.CloseCost;
                    foreach (var token in ending)
                    {
                        Allowed[token >> 6] |= 1UL << (token & 63);
                        if (cost > closeCost)
                        {
                            Growing.Add((token, cost));
                        }
                    }
                }

                Visit(child, next);
            }
        }
    }
}
