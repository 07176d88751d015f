using System.Text.RegularExpressions;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// A <c>{"Regex": …}</c> pattern, written for Oniguruma (Ruby syntax) and run by .NET: possessive quantifiers are
/// rewritten (<see cref="OnigurumaSyntax"/>), and characters outside the BMP are matched as one character
/// (<see cref="AstralFolding"/>), as the Rust side sees them.
/// </summary>
internal sealed class RegexPattern : TextPattern
{
    private readonly Regex regex;

    /// <exception cref="ArgumentException">The pattern is not one .NET can run.</exception>
    public RegexPattern(string pattern)
    {
        // Ruby syntax: ^ and $ are line anchors without any flag.
        regex = new Regex(OnigurumaSyntax.ToDotNet(pattern), RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.Compiled);
    }

    public override List<(int Start, int End)> FindMatches(string text)
    {
        var folded = AstralFolding.Fold(text, out var map);
        var matches = new List<(int, int)>();
        foreach (var match in regex.EnumerateMatches(folded))
        {
            if (match.Length == 0)
            {
                continue;
            }

            var start = match.Index;
            var end = match.Index + match.Length;
            matches.Add(map is null ? (start, end) : (map[start], map[end]));
        }

        return matches;
    }
}
