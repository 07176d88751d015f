using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Constraints.Masking;

/// <summary>
/// A model's vocabulary as raw bytes, in a byte trie built once per model: a mask is one walk down the trie, and a
/// byte the grammar refuses cuts off every token below it. Special tokens are left out; end-of-sequence ids are
/// kept apart, allowed only where the document may end.
/// </summary>
internal sealed class TokenVocabulary
{
    private readonly int[] childStart;
    private readonly byte[] edgeByte;
    private readonly int[] edgeTarget;
    private readonly int[] tokenStart;
    private readonly int[] tokens;
    private readonly bool[] escapesBelow;

    public TokenVocabulary(int size, Func<int, byte[]?> bytesOf, IReadOnlyCollection<int> endTokens)
    {
        Size = size;
        EndTokens = [.. endTokens.Where(t => t >= 0 && t < size)];
        TokenBytes = new byte[]?[size];
        var children = new List<SortedDictionary<byte, int>> { new() };
        var ending = new List<List<int>?> { null };
        for (var id = 0; id < size; id++)
        {
            if (endTokens.Contains(id) || bytesOf(id) is not { Length: > 0 } bytes)
            {
                continue;
            }

            TokenBytes[id] = bytes;
            var node = 0;
            foreach (var b in bytes)
            {
                if (!children[node].TryGetValue(b, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    ending.Add(null);
                    children[node][b] = next;
                }

                node = next;
            }

            (ending[node] ??= []).Add(id);
        }

        // Flattened, children of a node contiguous: the walk touches arrays only.
        NodeCount = children.Count;
        childStart = new int[NodeCount + 1];
        edgeByte = new byte[NodeCount - 1];
        edgeTarget = new int[NodeCount - 1];
        tokenStart = new int[NodeCount + 1];
        var tokenList = new List<int>();
        var edge = 0;
        for (var node = 0; node < NodeCount; node++)
        {
            childStart[node] = edge;
            foreach (var (b, target) in children[node])
            {
                edgeByte[edge] = b;
                edgeTarget[edge++] = target;
            }

            tokenStart[node] = tokenList.Count;
            tokenList.AddRange(ending[node] ?? []);
        }

        childStart[NodeCount] = edge;
        tokenStart[NodeCount] = tokenList.Count;
        tokens = [.. tokenList];

        PlainString = new ulong[Words];
        for (var id = 0; id < size; id++)
        {
            if (TokenBytes[id] is { } bytes && IsPlainString(bytes))
            {
                PlainString[id >> 6] |= 1UL << (id & 63);
            }
        }

        // A child's index is always above its parent's, so one backward pass sees every subtree before its root.
        escapesBelow = new bool[NodeCount];
        for (var node = NodeCount - 1; node >= 0; node--)
        {
            foreach (var id in TokensAt(node))
            {
                escapesBelow[node] |= !IsPlain(id);
            }

            for (var e = childStart[node]; e < childStart[node + 1]; e++)
            {
                escapesBelow[node] |= escapesBelow[edgeTarget[e]];
            }
        }
    }

    /// <summary>Logit row width: every id below it has a bit in a mask.</summary>
    public int Size { get; }

    public int NodeCount { get; }

    /// <summary>Each id's bytes; null for special and end tokens and ids with no known bytes.</summary>
    public byte[]?[] TokenBytes { get; }

    public int[] EndTokens { get; }

    public int Words => (Size + 63) / 64;

    /// <summary>
    /// The tokens that are plain JSON string content (printable ASCII but quote and backslash, whole UTF-8
    /// characters): inside a string they change nothing, so a string's mask is these plus a walk of the rest.
    /// </summary>
    public ulong[] PlainString { get; }

    /// <summary>Whether some token at or below this trie node is not plain string content.</summary>
    public bool EscapesBelow(int node) => escapesBelow[node];

    public (int Start, int End) Edges(int node) => (childStart[node], childStart[node + 1]);

    public byte EdgeByte(int edge) => edgeByte[edge];

    public int EdgeTarget(int edge) => edgeTarget[edge];

    /// <summary>The ids whose bytes end exactly at this node.</summary>
    public ReadOnlySpan<int> TokensAt(int node) => tokens.AsSpan(tokenStart[node], tokenStart[node + 1] - tokenStart[node]);

    private bool IsPlain(int id) => (PlainString[id >> 6] & (1UL << (id & 63))) != 0;

    private static bool IsPlainString(byte[] bytes)
    {
        var utf8 = 0;
        foreach (var b in bytes)
        {
            if (utf8 == 0 && b < 0x80)
            {
                if (b < 0x20 || b == '"' || b == '\\')
                {
                    return false;
                }

                continue;
            }

            utf8 = Utf8.Step(utf8, b);
            if (utf8 < 0)
            {
                return false;
            }
        }

        return utf8 == 0;
    }

    /// <summary>The child of <paramref name="node"/> along <paramref name="b"/>, or −1.</summary>
    public int Child(int node, byte b)
    {
        for (var edge = childStart[node]; edge < childStart[node + 1]; edge++)
        {
            if (edgeByte[edge] == b)
            {
                return edgeTarget[edge];
            }
        }

        return -1;
    }
}
