using System.Globalization;
using System.Runtime.CompilerServices;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Writes a template value as Python's <c>json.dumps</c> would, with its indentation and separators.</summary>
internal sealed class JinjaJsonWriter(
    JinjaBudget budget, JinjaText text, bool ensureAscii, string? indent, string itemSeparator, string keySeparator, bool sortKeys)
{
    public void Write(object? value, int level)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case long l:
                text.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append(Float(d));
                break;
            case string s:
                WriteString(s);
                break;
            case JinjaList { IsView: false } list:
                WriteContainer('[', ']', list.Count, level, i => Write(list[i], level + 1));
                break;
            case JinjaDict dict:
                var pairs = dict.Pairs.ToList();
                if (sortKeys)
                {
                    pairs = JinjaValues.Sort(pairs.Order(Comparer<KeyValuePair<object?, object?>>.Create(
                        (a, b) => JinjaValues.Order(a.Key, b.Key, "<", budget) ?? 0)));
                }

                WriteContainer('{', '}', pairs.Count, level, i =>
                {
                    WriteString(Key(pairs[i].Key));
                    text.Append(keySeparator);
                    Write(pairs[i].Value, level + 1);
                });
                break;
            default:
                throw new JinjaException(JinjaErrorKind.Runtime, $"Object of type {JinjaValues.TypeName(value)} is not JSON serializable");
        }
    }

    private void WriteContainer(char open, char close, int count, int level, Action<int> writeItem)
    {
        text.Append(open);
        if (count == 0)
        {
            text.Append(close);
            return;
        }

        var newline = indent is null ? null : "\n" + string.Concat(Enumerable.Repeat(indent, level + 1));
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(itemSeparator);
            }

            if (newline is not null)
            {
                text.Append(newline);
            }

            budget.CountWork();
            writeItem(i);
        }

        if (indent is not null)
        {
            text.Append('\n').Append(string.Concat(Enumerable.Repeat(indent, level)));
        }

        text.Append(close);
    }

    /// <summary>Python's dict key coercion: str as is, numbers and bools and None as their JSON text.</summary>
    private static string Key(object? key) => key switch
    {
        string s => s,
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        _ => throw new JinjaException(JinjaErrorKind.Runtime, $"keys must be str, int, float, bool or None, not {JinjaValues.TypeName(key)}"),
    };

    private static string Float(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : PyFloat.Repr(value);

    private void WriteString(string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    // Surrogate pairs come out as two \u escapes, as Python writes them.
                    if (c < ' ' || (ensureAscii && c > '~'))
                    {
                        text.Append($"\\u{(int)c:x4}");
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
