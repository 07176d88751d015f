namespace Serverless.Inference.Constraints.Grammar;

/// <summary>Any of several schemas (<c>anyOf</c>, a list of types): the matcher follows every option still possible.</summary>
internal sealed class ChoiceNode(GrammarNode[] options) : GrammarNode
{
    public GrammarNode[] Options { get; } = options;

    public override byte[]? ComputeShortest() =>
        Options.Select(o => o.Shortest).Where(s => s is not null).MinBy(s => s!.Length);
}
