using System.Globalization;
using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// .NET regexes see a character outside the BMP as two surrogates (category Cs), so <c>\p{L}</c> misses 𝐀 and
/// <c>[^\s\p{L}\p{N}]?\p{L}+</c> takes half of an emoji. Each such character is replaced, for matching only, by
/// one BMP character of the same general category, and match offsets are mapped back.
/// </summary>
internal static class AstralFolding
{
    private static readonly char[] Representatives = BuildRepresentatives();

    /// <summary>The text to match against; <paramref name="map"/> (null when nothing was folded) takes its offsets back to the original.</summary>
    public static string Fold(string text, out int[]? map)
    {
        var firstSurrogate = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (firstSurrogate < 0)
        {
            map = null;
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var offsets = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length;)
        {
            offsets.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = Rune.GetUnicodeCategory(new Rune(text[i], text[i + 1]));
                builder.Append(Representatives[(int)category]);
                i += 2;
            }
            else
            {
                builder.Append(text[i]);
                i++;
            }
        }

        offsets.Add(text.Length);
        map = [.. offsets];
        return builder.ToString();
    }

    /// <summary>A BMP character of each general category, none of them ASCII or case-equivalent to ASCII.</summary>
    private static char[] BuildRepresentatives()
    {
        var table = new char[32];
        table[(int)UnicodeCategory.UppercaseLetter] = '\u0100';
        table[(int)UnicodeCategory.LowercaseLetter] = '\u0101';
        table[(int)UnicodeCategory.TitlecaseLetter] = '\u01C5';
        table[(int)UnicodeCategory.ModifierLetter] = '\u02B0';
        table[(int)UnicodeCategory.OtherLetter] = '\u05D0';
        table[(int)UnicodeCategory.NonSpacingMark] = '\u0300';
        table[(int)UnicodeCategory.SpacingCombiningMark] = '\u0903';
        table[(int)UnicodeCategory.EnclosingMark] = '\u0488';
        table[(int)UnicodeCategory.DecimalDigitNumber] = '\u0660';
        table[(int)UnicodeCategory.LetterNumber] = '\u2160';
        table[(int)UnicodeCategory.OtherNumber] = '\u00B2';
        table[(int)UnicodeCategory.SpaceSeparator] = '\u3000';
        table[(int)UnicodeCategory.LineSeparator] = '\u2028';
        table[(int)UnicodeCategory.ParagraphSeparator] = '\u2029';
        table[(int)UnicodeCategory.Control] = '\u0080';
        table[(int)UnicodeCategory.Format] = '\u00AD';
        table[(int)UnicodeCategory.Surrogate] = '\uFFFD';
        table[(int)UnicodeCategory.PrivateUse] = '\uE000';
        table[(int)UnicodeCategory.ConnectorPunctuation] = '\u203F';
        table[(int)UnicodeCategory.DashPunctuation] = '\u2010';
        table[(int)UnicodeCategory.OpenPunctuation] = '\u207D';
        table[(int)UnicodeCategory.ClosePunctuation] = '\u207E';
        table[(int)UnicodeCategory.InitialQuotePunctuation] = '\u00AB';
        table[(int)UnicodeCategory.FinalQuotePunctuation] = '\u00BB';
        table[(int)UnicodeCategory.OtherPunctuation] = '\u00A1';
        table[(int)UnicodeCategory.MathSymbol] = '\u00B1';
        table[(int)UnicodeCategory.CurrencySymbol] = '\u00A2';
        table[(int)UnicodeCategory.ModifierSymbol] = '\u00A8';
        table[(int)UnicodeCategory.OtherSymbol] = '\u00A6';
        table[(int)UnicodeCategory.OtherNotAssigned] = '\u0378';
        return table;
    }
}
