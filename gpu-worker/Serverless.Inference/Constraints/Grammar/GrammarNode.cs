namespace Serverless.Inference.Constraints.Grammar;

/// <summary>One schema, compiled: what a JSON value there may be. Immutable once its compiler has finished it.</summary>
internal abstract class GrammarNode
{
    /// <summary>The shortest value this node accepts, as JSON bytes; null when none is finite (a recursion with no way out).</summary>
    public byte[]? Shortest { get; set; }

    /// <summary>The shortest value given what the nodes below accept so far; null while it is not known to be finite.</summary>
    public abstract byte[]? ComputeShortest();
}
