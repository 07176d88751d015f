using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Serverless.Inference.Tokenization;

/// <summary>
/// BERT's accent stripping (NFD, then drop non-spacing marks) without ICU. The solution builds with
/// <c>InvariantGlobalization</c>, under which <see cref="string.Normalize()"/> leaves "ï" whole, so
/// Microsoft.ML.Tokenizers' own <c>RemoveNonSpacingMarks</c> would turn "naïve" into [UNK].
/// </summary>
internal static partial class AccentFolding
{
    private const int HangulBase = 0xAC00;
    private const int HangulCount = 11172;
    private const int LeadBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TrailBase = 0x11A7;
    private const int VowelCount = 21;
    private const int TrailCount = 28;

    private static readonly FrozenDictionary<char, string> Table = BuildTable();

    public static string Fold(ReadOnlySpan<char> text)
    {
        StringBuilder? folded = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = Replace(c);
            if (replacement is null)
            {
                folded?.Append(c);
                continue;
            }

            folded ??= new StringBuilder(text.Length).Append(text[..i]);
            folded.Append(replacement);
        }

        return folded?.ToString() ?? text.ToString();
    }

    /// <summary>What <paramref name="c"/> becomes, or null when it stays.</summary>
    private static string? Replace(char c)
    {
        if (c < 0x80)
        {
            return null;
        }

        if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        {
            return string.Empty;
        }

        var offset = c - HangulBase;
        if (offset is >= 0 and < HangulCount)
        {
            // Hangul syllables decompose algorithmically (Unicode §3.12) into leading, vowel and optional trailing jamo.
            var lead = (char)(LeadBase + (offset / (VowelCount * TrailCount)));
            var vowel = (char)(VowelBase + (offset % (VowelCount * TrailCount) / TrailCount));
            var trail = offset % TrailCount;
            return trail == 0 ? string.Concat(lead, vowel) : string.Concat(lead, vowel, (char)(TrailBase + trail));
        }

        return Table.GetValueOrDefault(c);
    }

    private static FrozenDictionary<char, string> BuildTable()
    {
        var table = new Dictionary<char, string>(Keys.Length);
        for (var i = 0; i < Keys.Length; i++)
        {
            table[Keys[i]] = Values.Substring(2 * i, 2).TrimEnd('\0');
        }

        return table.ToFrozenDictionary();
    }
}
