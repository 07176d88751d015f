using System.Globalization;
using System.Text;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's <c>str</c> semantics that templates rely on: whitespace, stripping, case, code point indexing, repr.</summary>
internal static partial class PyStrings
{
    /// <summary>Python's <c>str.isspace</c> for one UTF-16 unit, which is also what <c>\s</c> matches in jinja2's lexer.</summary>
    public static bool IsSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\x1c' and <= ' ' => true,
        '\x85' or '\xa0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    public static bool IsAllSpace(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!IsSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static string Strip(string text, string? chars) => LStrip(RStrip(text, chars), chars);

    public static string LStrip(string text, string? chars)
    {
        var start = 0;
        while (start < text.Length && IsStripped(text[start], chars))
        {
            start++;
        }

        return text[start..];
    }

    public static string RStrip(string text, string? chars)
    {
        var end = text.Length;
        while (end > 0 && IsStripped(text[end - 1], chars))
        {
            end--;
        }

        return text[..end];
    }

    private static bool IsStripped(char c, string? chars) => chars is null ? IsSpace(c) : chars.Contains(c, StringComparison.Ordinal);

    // Python maps these to several characters (Unicode SpecialCasing); .NET's invariant casing keeps them one.
    private static readonly Dictionary<char, (string Upper, string Title)> SpecialUpper = new()
    {
        ['ß'] = ("SS", "Ss"),
        ['ŉ'] = ("ʼN", "ʼN"),
        ['ﬀ'] = ("FF", "Ff"),
        ['ﬁ'] = ("FI", "Fi"),
        ['ﬂ'] = ("FL", "Fl"),
        ['ﬃ'] = ("FFI", "Ffi"),
        ['ﬄ'] = ("FFL", "Ffl"),
        ['ﬅ'] = ("ST", "St"),
        ['ﬆ'] = ("ST", "St"),
    };

    public static string Upper(string text)
    {
        if (!text.Any(SpecialUpper.ContainsKey))
        {
            return text.ToUpperInvariant();
        }

        var result = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            result.Append(SpecialUpper.TryGetValue(c, out var special) ? special.Upper : char.ToUpperInvariant(c).ToString());
        }

        return result.ToString();
    }

    /// <summary>Python's <c>str.lower</c>, including its final-sigma rule and the dotted capital I.</summary>
    public static string Lower(string text)
    {
        var lower = text.ToLowerInvariant();
        if (!text.Contains('Σ', StringComparison.Ordinal) && !text.Contains('İ', StringComparison.Ordinal))
        {
            return lower;
        }

        var result = new StringBuilder(text.Length + 2);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == 'İ')
            {
                result.Append("i\u0307");
            }
            else if (text[i] == 'Σ' && i > 0 && IsCased(text[i - 1]) && (i + 1 >= text.Length || !IsCased(text[i + 1])))
            {
                result.Append('ς');
            }
            else
            {
                result.Append(lower[i]);
            }
        }

        return result.ToString();
    }

    private static string TitleCase(char c) => SpecialUpper.TryGetValue(c, out var special) ? special.Title : char.ToUpperInvariant(c).ToString();

    /// <summary>Python's <c>str.title</c>: a cased character after an uncased one starts a word.</summary>
    public static string Title(string text)
    {
        var result = new StringBuilder(text.Length);
        var previousCased = false;
        foreach (var c in text)
        {
            result.Append(previousCased ? Lower(c.ToString()) : TitleCase(c));
            previousCased = IsCased(c);
        }

        return result.ToString();
    }

    /// <summary>Python's <c>str.capitalize</c>: the first character upper, every other lower.</summary>
    public static string Capitalize(string text) =>
        text.Length == 0 ? text : TitleCase(text[0]) + Lower(text[1..]);

    /// <summary>Python's <c>str.swapcase</c>.</summary>
    public static string SwapCase(string text) =>
        string.Concat(text.Select(c => char.IsUpper(c) ? Lower(c.ToString()) : char.IsLower(c) ? Upper(c.ToString()) : c.ToString()));

    public static bool IsCased(char c) => char.IsUpper(c) || char.IsLower(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter;

    /// <summary>Python's <c>str.islower</c>: some cased character and no upper-case one.</summary>
    public static bool IsLower(string text) => text.Any(char.IsLower) && !text.Any(c => char.IsUpper(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter);

    public static bool IsUpper(string text) => text.Any(char.IsUpper) && !text.Any(c => char.IsLower(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter);

    /// <summary>The characters of a string as Python sees them: code points, a surrogate pair being one.</summary>
    public static IReadOnlyList<string> CodePoints(string text)
    {
        var points = new List<string>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            points.Add(text.Substring(i, width));
            i += width - 1;
        }

        return points;
    }

    public static bool HasSurrogates(string text) => text.AsSpan().IndexOfAnyInRange('\ud800', '\udfff') >= 0;

    /// <summary>Python's <c>len(str)</c>: a surrogate pair counts once.</summary>
    public static int Length(string text)
    {
        if (!HasSurrogates(text))
        {
            return text.Length;
        }

        var pairs = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                pairs++;
                i++;
            }
        }

        return text.Length - pairs;
    }

    /// <summary>The code point index of a UTF-16 index, for results Python reports in code points.</summary>
    public static int CodePointIndex(string text, int utf16Index) =>
        utf16Index < 0 || !HasSurrogates(text) ? utf16Index : Length(text[..utf16Index]);

    /// <summary>The UTF-16 index where code point <paramref name="index"/> starts, counting from <paramref name="from"/>.</summary>
    public static int Utf16Index(string text, int index, int from = 0)
    {
        if (!HasSurrogates(text))
        {
            return from + index;
        }

        var i = from;
        for (var point = 0; point < index && i < text.Length; point++)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }

        return i;
    }

    /// <summary>Code points <paramref name="from"/> up to <paramref name="to"/>, both already within the string.</summary>
    public static string Substring(string text, int from, int to)
    {
        if (from >= to)
        {
            return "";
        }

        var start = Utf16Index(text, from);
        return text[start..Utf16Index(text, to - from, start)];
    }

    /// <summary>Python's <c>repr(str)</c>: single quotes unless the text has one and no double quote.</summary>
    public static string Repr(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var result = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var code in EnumerateCodePoints(text))
        {
            switch (code)
            {
                case '\\': result.Append("\\\\"); break;
                case '\t': result.Append("\\t"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                default:
                    if (code == quote)
                    {
                        result.Append('\\').Append(quote);
                    }
                    else if (code < ' ' || code == 0x7f || !IsPrintable(code))
                    {
                        result.Append(code <= 0xff ? $"\\x{code:x2}" : code <= 0xffff ? $"\\u{code:x4}" : $"\\U{code:x8}");
                    }
                    else
                    {
                        result.Append(char.ConvertFromUtf32(code));
                    }

                    break;
            }
        }

        return result.Append(quote).ToString();
    }

    /// <summary>Code points, a lone surrogate kept as its own value (Python strings may hold one).</summary>
    private static IEnumerable<int> EnumerateCodePoints(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                yield return char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            else
            {
                yield return text[i];
            }
        }
    }

    private static bool IsPrintable(int code)
    {
        if (code == ' ')
        {
            return true;
        }

        if (code is >= 0xd800 and <= 0xdfff)
        {
            return false;
        }

        return Rune.GetUnicodeCategory(new Rune(code)) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
