namespace Serverless.Inference.Constraints.Grammar;

/// <summary>One of a fixed set of JSON values (<c>enum</c>, <c>const</c>, booleans, null), written as given.</summary>
internal sealed class LiteralNode : GrammarNode
{
    private LiteralNode(ByteTrie trie, byte[] shortest)
    {
        Trie = trie;
        Shortest = shortest;
    }

    public ByteTrie Trie { get; }

    public static LiteralNode Of(IReadOnlyList<byte[]> values) => new(new ByteTrie(values), values.MinBy(v => v.Length)!);

    public override byte[]? ComputeShortest() => Shortest;
}
