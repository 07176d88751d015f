using System.Buffers;
using System.Globalization;
using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>The character classes the Rust tokenizers test with (<c>char::is_whitespace</c>, <c>is_punctuation</c>, regex <c>\w</c>), for whole code points.</summary>
internal static class UnicodeChars
{
    /// <summary>Rust's <c>char::is_whitespace</c> is the White_Space property, the same set as .NET's.</summary>
    public static bool IsWhiteSpace(Rune rune) => Rune.IsWhiteSpace(rune);

    /// <summary>BERT's punctuation: ASCII punctuation (which includes symbols such as $ and +) or a Unicode P* character.</summary>
    public static bool IsPunctuation(Rune rune) =>
        rune.IsAscii ? char.IsAsciiLetterOrDigit((char)rune.Value) is false && rune.Value is > 0x20 and < 0x7F : Rune.IsPunctuation(rune);

    /// <summary>Rust's <c>char::is_numeric</c>: Nd, Nl or No.</summary>
    public static bool IsNumeric(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>General category C*: controls, formats, surrogates, private use and unassigned.</summary>
    public static bool IsOther(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or
        UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    public static bool IsNonSpacingMark(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark;

    /// <summary>General category M*: what <c>unicode_normalization::char::is_combining_mark</c> tests.</summary>
    public static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>
    /// The Rust regex crate's Unicode <c>\w</c>: Alphabetic, marks, decimal digits, connector punctuation and the
    /// joiners. Alphabetic is letters, letter numbers and Other_Alphabetic, whose non-mark members are the circled
    /// and squared Latin letters.
    /// </summary>
    public static bool IsWordCharacter(Rune rune)
    {
        var value = rune.Value;
        if (value is 0x200C or 0x200D or (>= 0x24B6 and <= 0x24E9) or (>= 0x1F130 and <= 0x1F149) or
            (>= 0x1F150 and <= 0x1F169) or (>= 0x1F170 and <= 0x1F189))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or
            UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber or
            UnicodeCategory.LetterNumber or UnicodeCategory.ConnectorPunctuation;
    }

    /// <summary>The rune at <paramref name="index"/>; a lone surrogate reads as U+FFFD, as Rust strings cannot hold one.</summary>
    public static Rune RuneAt(string text, int index, out int length)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length) != OperationStatus.Done)
        {
            length = 1;
            return Rune.ReplacementChar;
        }

        return rune;
    }
}
