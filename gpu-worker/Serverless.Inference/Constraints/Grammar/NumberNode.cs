using System.Text;
using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Constraints.Grammar;

/// <summary>A JSON number or integer, bounded when <see cref="Range"/> is set.</summary>
internal sealed class NumberNode(bool integer, NumberRange? range) : GrammarNode
{
    public bool Integer { get; } = integer;

    public NumberRange? Range { get; } = range;

    public override byte[]? ComputeShortest() => Shortest ?? Encoding.ASCII.GetBytes(NumberText.ShortestCompletion(this, string.Empty));
}
