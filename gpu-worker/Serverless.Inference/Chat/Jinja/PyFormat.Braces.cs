using System.Globalization;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's <c>str.format</c>: <c>{}</c>, <c>{0}</c>, <c>{name}</c>, <c>!r</c>/<c>!s</c>, and a spec of fill, align, zero, width, precision and s/d/f.</summary>
internal static partial class PyFormat
{
    /// <summary>Fills the replacement fields of <paramref name="format"/> from the call's arguments.</summary>
    public static string Format(JinjaInterpreter interpreter, string format, JinjaArgs args)
    {
        var text = new JinjaText(interpreter.Budget);
        var auto = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c is '{' or '}' && i + 1 < format.Length && format[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw Error("Single '}' encountered in format string");
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0)
            {
                throw Error("Single '{' encountered in format string");
            }

            var field = format[(i + 1)..close];
            i = close;
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            var spec = colon >= 0 ? field[(colon + 1)..] : "";
            field = colon >= 0 ? field[..colon] : field;
            var bang = field.IndexOf('!', StringComparison.Ordinal);
            var conversion = bang >= 0 ? field[(bang + 1)..] : "";
            field = bang >= 0 ? field[..bang] : field;

            var value = field.Length == 0 ? Positional(args, auto++)
                : int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? Positional(args, index)
                : args.Named.FirstOrDefault(a => a.Key == field) is { Key: not null } named ? named.Value
                : throw Error($"KeyError: '{field}'");
            var rendered = conversion switch
            {
                "" => null,
                "s" => JinjaValues.ToStr(value, interpreter.Budget),
                "r" => JinjaValues.Repr(value, interpreter.Budget),
                _ => throw Error($"Unknown conversion specifier {conversion}"),
            };
            text.Append(ApplySpec(rendered ?? (object?)value, spec, interpreter.Budget));
        }

        return text.ToString();
    }

    private static object? Positional(JinjaArgs args, int index) =>
        index < args.Positional.Count ? args.Positional[index] : throw Error($"Replacement index {index} out of range for positional args tuple");

    private static string ApplySpec(object? value, string spec, JinjaBudget budget)
    {
        var i = 0;
        var (fill, align) = (' ', value is string or null ? '<' : '>');
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^')
        {
            (fill, align, i) = (spec[0], spec[1], 2);
        }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^')
        {
            (align, i) = (spec[0], 1);
        }

        // A 0 before the width pads numbers with zeros after the sign, as Python's "=" alignment does.
        if (i < spec.Length && spec[i] == '0' && i == 0)
        {
            (fill, align) = ('0', '>');
            i++;
        }

        var width = ReadNumber(spec, ref i);
        budget.EnsureSize(width ?? 0);
        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            i++;
            precision = ReadNumber(spec, ref i);
            budget.EnsureSize(precision ?? 0);
        }

        var type = i < spec.Length ? spec[i++] : '\0';
        if (i != spec.Length)
        {
            throw Error($"Invalid format specifier '{spec}'");
        }

        var body = type == '\0' && precision is null ? JinjaValues.ToStr(value, budget) : Convert(value, type == '\0' ? 's' : type, precision, "", budget);
        return Pad(body, width ?? 0, align, fill);
    }
}
