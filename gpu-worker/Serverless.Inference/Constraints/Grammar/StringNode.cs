namespace Serverless.Inference.Constraints.Grammar;

/// <summary>Any JSON string.</summary>
internal sealed class StringNode : GrammarNode
{
    private StringNode() => Shortest = "\"\""u8.ToArray();

    public static StringNode Instance { get; } = new();

    public override byte[]? ComputeShortest() => Shortest;
}
