using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Constraints.Masking;

/// <summary>
/// Computes a state's <see cref="MaskEntry"/>: a depth-first walk of the vocabulary trie that carries the matcher
/// state down (states are immutable, so branching is free) and prunes a subtree at the first refused byte.
/// </summary>
internal static class MaskBuilder
{
    public static MaskEntry Build(TokenVocabulary vocabulary, MatchState state)
    {
        var walk = new Walk(vocabulary, state.CloseCost);
        walk.Visit(0, state);
        return new MaskEntry(walk.Allowed, [.. walk.Growing], state.CloseCost, state.ShortestCompletion(), state.IsAccepting, walk.Count);
    }

    private sealed class Walk(TokenVocabulary vocabulary, int closeCost)
    {
        private readonly List<Frame> scratch = [];

        public ulong[] Allowed { get; } = new ulong[vocabulary.Words];

        public List<(int Token, int CloseCost)> Growing { get; } = [];

        public int Count { get; private set; }

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
                var ending = vocabulary.TokensAt(child);
                if (ending.Length > 0)
                {
                    var cost = next.CloseCost;
                    foreach (var token in ending)
                    {
                        Allowed[token >> 6] |= 1UL << (token & 63);
                        Count++;
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
