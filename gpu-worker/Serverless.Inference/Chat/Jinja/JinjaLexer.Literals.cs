using System.Globalization;
using System.Text;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Number and string literals, read and unescaped as Python reads them.</summary>
internal sealed partial class JinjaLexer
{
    private void LexNumber()
    {
        var start = pos;
        var end = MatchFloat(start);
        if (end > 0)
        {
            var text = source[start..end].Replace("_", "", StringComparison.Ordinal);
            Add(JinjaTokenKind.Float, source[start..end], start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            pos = end;
            return;
        }

        var (digitsStart, numberBase) = start + 1 < source.Length && source[start] == '0'
            ? char.ToLowerInvariant(source[start + 1]) switch { 'b' => (start + 2, 2), 'o' => (start + 2, 8), 'x' => (start + 2, 16), _ => (start, 10) }
            : (start, 10);
        end = numberBase == 10 ? MatchDecimal(start) : MatchPrefixed(digitsStart, numberBase);
        if (end < 0)
        {
            (digitsStart, numberBase, end) = (start, 10, MatchDecimal(start));
        }

        var digits = source[digitsStart..end].Replace("_", "", StringComparison.Ordinal);
        long value = 0;
        foreach (var digit in digits)
        {
            var d = char.IsAsciiDigit(digit) ? digit - '0' : char.ToLowerInvariant(digit) - 'a' + 10;
            if (value > (long.MaxValue - d) / numberBase)
            {
                throw Error("integer literal too large (integers are 64-bit here)", start);
            }

            value = value * numberBase + d;
        }

        Add(JinjaTokenKind.Integer, source[start..end], start, value);
        pos = end;
    }

    /// <summary>jinja2's float_re: digits, then a fraction and/or an exponent; not right after a dot.</summary>
    private int MatchFloat(int start)
    {
        if (start > 0 && source[start - 1] == '.')
        {
            return -1;
        }

        var whole = MatchDigits(start);
        if (source.Length > whole + 1 && source[whole] == '.')
        {
            var fraction = MatchDigits(whole + 1);
            if (fraction > 0)
            {
                var exponentAfterFraction = MatchExponent(fraction);
                return exponentAfterFraction > 0 ? exponentAfterFraction : fraction;
            }
        }

        return MatchExponent(whole);
    }

    private int MatchExponent(int i)
    {
        if (i >= source.Length || source[i] is not ('e' or 'E'))
        {
            return -1;
        }

        i++;
        if (i < source.Length && source[i] is '+' or '-')
        {
            i++;
        }

        return MatchDigits(i);
    }

    /// <summary><c>(\d+_)*\d+</c>: digits with single underscores between them.</summary>
    private int MatchDigits(int i)
    {
        if (i >= source.Length || !char.IsAsciiDigit(source[i]))
        {
            return -1;
        }

        while (true)
        {
            while (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                i++;
            }

            if (i + 1 < source.Length && source[i] == '_' && char.IsAsciiDigit(source[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }
    }

    /// <summary><c>[1-9](_?\d)*</c> or <c>0(_?0)*</c>.</summary>
    private int MatchDecimal(int i)
    {
        var zero = source[i] == '0';
        i++;
        while (true)
        {
            var next = i < source.Length && source[i] == '_' ? i + 1 : i;
            if (next < source.Length && (zero ? source[next] == '0' : char.IsAsciiDigit(source[next])))
            {
                i = next + 1;
                continue;
            }

            return i;
        }
    }

    /// <summary><c>(_?digit)+</c> after a 0b, 0o or 0x prefix, or -1 without a digit.</summary>
    private int MatchPrefixed(int i, int numberBase)
    {
        var end = -1;
        while (true)
        {
            var next = i < source.Length && source[i] == '_' ? i + 1 : i;
            if (next >= source.Length || !IsDigitOf(source[next], numberBase))
            {
                return end;
            }

            i = end = next + 1;
        }
    }

    private static bool IsDigitOf(char c, int numberBase) => numberBase switch
    {
        2 => c is '0' or '1',
        8 => c is >= '0' and <= '7',
        _ => char.IsAsciiHexDigit(c),
    };

    private void LexString(char quote)
    {
        var start = pos;
        var i = pos + 1;
        while (i < source.Length && source[i] != quote)
        {
            i += source[i] == '\\' ? 2 : 1;
        }

        if (i >= source.Length)
        {
            throw Error($"unexpected char '{quote}' at {start}", start);
        }

        Add(JinjaTokenKind.String, source[start..(i + 1)], start, Unescape(source[(start + 1)..i], start));
        pos = i + 1;
    }

    /// <summary>Python's unicode-escape decoding, which jinja2 applies to string literals.</summary>
    private string Unescape(string raw, int at)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                text.Append(raw[i]);
                continue;
            }

            var c = raw[++i];
            switch (c)
            {
                case '\n':
                    break;
                case '\\' or '\'' or '"':
                    text.Append(c);
                    break;
                case 'a': text.Append('\a'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'v': text.Append('\v'); break;
                case >= '0' and <= '7':
                    var octalEnd = i;
                    while (octalEnd < raw.Length && octalEnd < i + 3 && raw[octalEnd] is >= '0' and <= '7')
                    {
                        octalEnd++;
                    }

                    text.Append((char)Convert.ToInt32(raw[i..octalEnd], 8));
                    i = octalEnd - 1;
                    break;
                case 'x' or 'u' or 'U':
                    var width = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                    var hex = i + 1 + width <= raw.Length ? raw.Substring(i + 1, width) : "";
                    if (hex.Length != width || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || !Rune.IsValid(code))
                    {
                        throw Error($"truncated or invalid \\{c} escape in a string literal", at);
                    }

                    text.Append(new Rune(code).ToString());
                    i += width;
                    break;
                case 'N':
                    throw Error("\\N{...} escapes are not supported in string literals", at);
                default:
                    text.Append('\\').Append(c);
                    break;
            }
        }

        return text.ToString();
    }
}
