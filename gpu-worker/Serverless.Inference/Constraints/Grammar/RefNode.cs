namespace Serverless.Inference.Constraints.Grammar;

/// <summary>A <c>$ref</c>; its target is set once compiled, which lets a schema refer to itself.</summary>
internal sealed class RefNode : GrammarNode
{
    public GrammarNode? Target { get; set; }

    public override byte[]? ComputeShortest() => Target?.Shortest;
}
