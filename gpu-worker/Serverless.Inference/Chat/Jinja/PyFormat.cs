using System.Globalization;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// Python's <c>'%s' % x</c> (and the conversions <c>'{}'.format(x)</c> shares): s, r, d, i, f with flags, width
/// and precision; anything rarer is an error rather than a silent difference.
/// </summary>
internal static partial class PyFormat
{
    public static string Printf(string format, object? values, JinjaBudget budget)
    {
        var args = values is JinjaList { Kind: JinjaListKind.Tuple } tuple ? tuple : (IReadOnlyList<object?>)[values];
        var mapping = values as JinjaDict;
        var text = new JinjaText(budget);
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
                continue;
            }

            if (++i >= format.Length)
            {
                throw Error("incomplete format");
            }

            object? value = null;
            var fromMapping = format[i] == '(';
            if (fromMapping)
            {
                var close = format.IndexOf(')', i);
                if (close < 0 || mapping is null)
                {
                    throw Error("format requires a mapping");
                }

                value = mapping.TryGetValue(format[(i + 1)..close], out var found) ? found : throw Error($"KeyError: '{format[(i + 1)..close]}'");
                i = close + 1;
            }

            var flagsStart = i;
            while (i < format.Length && format[i] is '-' or '0' or '+' or ' ' or '#')
            {
                i++;
            }

            var flags = format[flagsStart..i];
            var width = ReadNumber(format, ref i);
            budget.EnsureSize(width ?? 0);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
                budget.EnsureSize(precision.Value);
            }

            if (i >= format.Length)
            {
                throw Error("incomplete format");
            }

            var conversion = format[i];
            if (conversion == '%')
            {
                text.Append('%');
                continue;
            }

            if (!fromMapping)
            {
                value = next < args.Count ? args[next++] : throw Error("not enough arguments for format string");
            }

            var sign = flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : "";
            var body = Convert(value, conversion, precision, sign, budget);
            text.Append(Pad(body, width ?? 0, flags.Contains('-', StringComparison.Ordinal) ? '<' : '>', flags.Contains('0', StringComparison.Ordinal) && conversion != 's' && conversion != 'r' ? '0' : ' '));
        }

        if (mapping is null && next < args.Count)
        {
            throw Error("not all arguments converted during string formatting");
        }

        return text.ToString();
    }

    /// <summary>One conversion: s (str), r (repr), d or i (int), f (fixed, 6 places unless given); <paramref name="sign"/> prefixes non-negative numbers.</summary>
    public static string Convert(object? value, char conversion, int? precision, string sign, JinjaBudget budget)
    {
        switch (conversion)
        {
            case 's':
                var text = JinjaValues.ToStr(value, budget);
                return precision is { } p && p < text.Length ? text[..p] : text;
            case 'r':
                return JinjaValues.Repr(value, budget);
            case 'd' or 'i':
                var integer = value switch
                {
                    bool or long => JinjaValues.ToLong(value),
                    double d when !double.IsNaN(d) && !double.IsInfinity(d) => (long)Math.Truncate(d),
                    _ => throw Error($"%{conversion} format: a real number is required, not {JinjaValues.TypeName(value)}"),
                };
                return (integer >= 0 ? sign : "") + integer.ToString(CultureInfo.InvariantCulture);
            case 'f' or 'F':
                if (!JinjaValues.IsNumber(value))
                {
                    throw Error($"must be real number, not {JinjaValues.TypeName(value)}");
                }

                var places = precision ?? 6;
                var number = PyFloat.Round(JinjaValues.ToDouble(value), places);
                return (number >= 0 ? sign : "") + number.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            default:
                throw Error($"unsupported format character '{conversion}'");
        }
    }

    public static string Pad(string text, int width, char align, char fill)
    {
        var missing = width - PyStrings.Length(text);
        if (missing <= 0)
        {
            return text;
        }

        return align switch
        {
            '<' => text + new string(fill, missing),
            '^' => new string(fill, missing / 2) + text + new string(fill, missing - (missing / 2)),
            _ when fill == '0' && text.Length > 0 && text[0] is '-' or '+' or ' ' => text[0] + new string('0', missing) + text[1..],
            _ => new string(fill, missing) + text,
        };
    }

    private static int? ReadNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        // A width or precision beyond int is clamped; the size bound refuses it before anything is built.
        return i == start ? null : long.TryParse(format[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number < int.MaxValue
            ? (int)number
            : int.MaxValue;
    }

    private static JinjaException Error(string message) => new(JinjaErrorKind.Runtime, message);
}
