namespace Serverless.Inference.Constraints.Grammar;

/// <summary>
/// A small trie over byte strings (an enum's JSON values, an object's property names), each ending at a node that
/// carries its index; node 0 is the root.
/// </summary>
internal sealed class ByteTrie
{
    private readonly List<Dictionary<byte, int>> children = [[]];
    private readonly List<int> values = [-1];
    private readonly List<byte[]> shortest = [];
    private readonly List<int[]> below = [];
    private readonly List<bool> escaped = [false];
    private readonly List<bool> inEscape = [false];

    public ByteTrie(IReadOnlyList<byte[]> entries)
    {
        for (var index = 0; index < entries.Count; index++)
        {
            var node = 0;
            var owed = 0;
            var seenEscape = false;
            foreach (var b in entries[index])
            {
                // Bytes still owed by a JSON escape after this one: \x owes one, \uXXXX five.
                owed = owed > 0 ? (owed == 1 && b == 'u' ? 4 : owed - 1) : b == '\\' ? 1 : 0;
                seenEscape |= b == '\\';
                if (!children[node].TryGetValue(b, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    values.Add(-1);
                    escaped.Add(seenEscape);
                    inEscape.Add(owed > 0);
                    children[node][b] = next;
                }

                node = next;
            }

            // The first of equal entries keeps the node: a duplicate enum value is the same value.
            if (values[node] < 0)
            {
                values[node] = index;
            }
        }

        for (var node = 0; node < children.Count; node++)
        {
            var terminals = Terminals(node).ToList();
            shortest.Add(terminals.Count == 0 ? [] : terminals.MinBy(t => t.Tail.Length).Tail);
            below.Add([.. terminals.Select(t => t.Value).Order()]);
        }
    }

    /// <summary>The node after <paramref name="b"/>, or −1.</summary>
    public int Child(int node, byte b) => children[node].TryGetValue(b, out var next) ? next : -1;

    /// <summary>The index of the entry ending here, or −1.</summary>
    public int ValueAt(int node) => values[node];

    public bool HasChildren(int node) => children[node].Count > 0;

    /// <summary>Whether the bytes up to this node hold a JSON escape (as a name with a quote or backslash is written).</summary>
    public bool IsEscaped(int node) => escaped[node];

    /// <summary>Whether the bytes up to this node end inside a JSON escape, where a quote is content and not the end.</summary>
    public bool IsInEscape(int node) => inEscape[node];

    /// <summary>The fewest bytes that finish some entry from this node.</summary>
    public byte[] ShortestFrom(int node) => shortest[node];

    /// <summary>Whether an entry with an index in [<paramref name="low"/>, <paramref name="high"/>] can still be reached from this node.</summary>
    public bool Reaches(int node, int low, int high, Func<int, bool> usable)
    {
        foreach (var value in below[node])
        {
            if (value >= low && value <= high && usable(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every entry reachable from this node, with the bytes still to write to finish it.</summary>
    public IEnumerable<(int Value, byte[] Tail)> Terminals(int node)
    {
        var pending = new Stack<(int Node, byte[] Tail)>();
        pending.Push((node, []));
        while (pending.TryPop(out var at))
        {
            if (values[at.Node] >= 0)
            {
                yield return (values[at.Node], at.Tail);
            }

            foreach (var (b, next) in children[at.Node])
            {
                pending.Push((next, [.. at.Tail, b]));
            }
        }
    }
}
