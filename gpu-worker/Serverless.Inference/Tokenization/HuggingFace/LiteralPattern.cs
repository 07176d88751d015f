namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>A <c>{"String": …}</c> pattern: the text itself, matched ordinally.</summary>
internal sealed class LiteralPattern(string literal) : TextPattern
{
    public override List<(int Start, int End)> FindMatches(string text)
    {
        var matches = new List<(int, int)>();
        if (literal.Length == 0)
        {
            // The Rust side escapes the literal into a regex; an empty one matches nowhere that a split could use.
            return matches;
        }

        for (var at = text.IndexOf(literal, StringComparison.Ordinal); at >= 0; at = text.IndexOf(literal, at + literal.Length, StringComparison.Ordinal))
        {
            matches.Add((at, at + literal.Length));
        }

        return matches;
    }
}
