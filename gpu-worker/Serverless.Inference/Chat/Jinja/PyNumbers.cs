using System.Globalization;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's <c>int(str, base)</c> and <c>float(str)</c> parsing: surrounding whitespace, signs, underscores, prefixes.</summary>
internal static class PyNumbers
{
    public static long? ParseInt(string text, long numberBase)
    {
        var s = PyStrings.Strip(text, null);
        var negative = s.StartsWith('-');
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            s = s[1..];
        }

        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is var p && (p, numberBase) is ('x', 16 or 0) or ('o', 8 or 0) or ('b', 2 or 0))
        {
            numberBase = p switch { 'x' => 16, 'o' => 8, _ => 2 };
            s = s[2..];

            // After a prefix an underscore may come first: 0x_1f.
            s = s.StartsWith('_') ? s[1..] : s;
        }
        else if (numberBase == 0)
        {
            // Base 0 reads a plain literal as decimal, and rejects leading zeros as Python does.
            numberBase = 10;
            if (s.Length > 1 && s[0] == '0' && s.Any(c => c is not ('0' or '_')))
            {
                return null;
            }
        }

        if (numberBase is < 2 or > 36 || s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal))
        {
            return null;
        }

        long value = 0;
        foreach (var c in s)
        {
            if (c == '_')
            {
                continue;
            }

            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= numberBase || value > (long.MaxValue - digit) / numberBase)
            {
                return null;
            }

            value = (value * numberBase) + digit;
        }

        return negative ? -value : value;
    }

    public static double? ParseFloat(string text)
    {
        var s = PyStrings.Strip(text, null);
        var body = s.TrimStart('+', '-');
        if (body.Length < s.Length - 1)
        {
            return null;
        }

        var negative = s.StartsWith('-');
        switch (body.ToLowerInvariant())
        {
            case "nan":
                return double.NaN;
            case "inf" or "infinity":
                return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        // Digits, an optional fraction and exponent; underscores only between digits.
        if (body.Length == 0 || body.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '_' or '+' or '-'))
            || body.Contains("__", StringComparison.Ordinal) || body.Split('.', 'e', 'E', '+', '-').Any(part => part.StartsWith('_') || part.EndsWith('_')))
        {
            return null;
        }

        return double.TryParse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
