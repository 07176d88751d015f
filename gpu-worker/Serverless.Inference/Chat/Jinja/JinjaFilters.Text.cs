namespace Serverless.Inference.Chat.Jinja;

/// <summary>Filters that work on the text of a value: case, trim, replace, indent, escape, format.</summary>
internal static partial class JinjaFilters
{
    private static string Text(JinjaInterpreter interpreter, object? value, JinjaArgs args, string name, Func<string, string> change)
    {
        args.Bind(name);
        var text = JinjaValues.ToStr(value, interpreter.Budget);
        interpreter.Budget.CountChars(text.Length);
        return change(text);
    }

    private static string Trim(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var chars = JinjaArgs.Or(args.Bind("trim", "chars")[0], null);
        interpreter.Budget.CountChars(value is string text ? text.Length : 0);
        return PyStrings.Strip(JinjaValues.ToStr(value, interpreter.Budget), chars is null ? null : chars as string ?? throw Error("strip arg must be None or str"));
    }

    private static string Replace(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("replace", "old", "new", "count");
        var old = JinjaValues.ToStr(JinjaArgs.Required(bound[0], "replace", "old"), interpreter.Budget);
        var replacement = JinjaValues.ToStr(JinjaArgs.Required(bound[1], "replace", "new"), interpreter.Budget);
        var count = JinjaArgs.Or(bound[2], null) is { } limit ? Integer(limit, "replace") : -1;
        return PyStrings.Replace(JinjaValues.ToStr(value, interpreter.Budget), old, replacement, count, interpreter.Budget);
    }

    private static string Indent(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("indent", "width", "first", "blank");
        var width = JinjaArgs.Or(bound[0], 4L);
        var indention = width is string text ? text : new string(' ', (int)Math.Clamp(Integer(width, "indent"), 0, interpreter.Budget.Limits.MaxOutputChars));
        var first = JinjaValues.IsTruthy(JinjaArgs.Or(bound[1], false));
        var blank = JinjaValues.IsTruthy(JinjaArgs.Or(bound[2], false));
        if (value is not string source)
        {
            throw value is JinjaUndefined undefined ? undefined.Error() : Error($"unsupported operand type(s) for +=: '{JinjaValues.TypeName(value)}' and 'str'");
        }

        // jinja2 appends a newline before splitlines(), so a trailing newline yields one more (empty) line.
        var lines = PyStrings.SplitLines(source + "\n", keepEnds: false);
        var result = new JinjaText(interpreter.Budget);
        if (first)
        {
            result.Append(indention);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                result.Append('\n');
                if (blank || lines[i].Length > 0)
                {
                    result.Append(indention);
                }
            }

            result.Append(lines[i]);
        }

        return result.ToString();
    }

    private static object WordCount(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        args.Bind("wordcount");
        var words = 0L;
        var inWord = false;
        interpreter.Budget.CountChars(value is string counted ? counted.Length : 0);
        foreach (var c in JinjaValues.ToStr(value, interpreter.Budget))
        {
            // Python's \w: letters, digits and the underscore.
            var isWord = char.IsLetterOrDigit(c) || c == '_';
            if (isWord && !inWord)
            {
                words++;
            }

            inWord = isWord;
        }

        return words;
    }

    private static string Center(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var width = Integer(JinjaArgs.Or(args.Bind("center", "width")[0], 80L), "center");
        var text = JinjaValues.ToStr(value, interpreter.Budget);
        var margin = width - PyStrings.Length(text);
        if (margin <= 0)
        {
            return text;
        }

        interpreter.Budget.EnsureSize(width);
        var left = (margin / 2) + (margin & width & 1);
        return new string(' ', (int)left) + text + new string(' ', (int)(margin - left));
    }

    /// <summary>markupsafe's escape: there is no autoescaping (Hugging Face turns it off), but the filter still escapes.</summary>
    private static string Escape(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        args.Bind("escape");
        var text = new JinjaText(interpreter.Budget);
        foreach (var c in JinjaValues.ToStr(value, interpreter.Budget))
        {
            var entity = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\'' => "&#39;",
                '"' => "&#34;",
                _ => null,
            };
            if (entity is null)
            {
                text.Append(c);
            }
            else
            {
                text.Append(entity);
            }
        }

        return text.ToString();
    }

    private static string Format(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        if (args.Positional.Count > 0 && args.Named.Count > 0)
        {
            throw Error("can't handle positional and keyword arguments at the same time");
        }

        object? values = args.Named.Count > 0
            ? new JinjaDict(args.Named.Select(a => new KeyValuePair<object?, object?>(a.Key, a.Value)))
            : new JinjaList([.. args.Positional], JinjaListKind.Tuple);
        return PyFormat.Printf(JinjaValues.ToStr(value, interpreter.Budget), values, interpreter.Budget);
    }
}
