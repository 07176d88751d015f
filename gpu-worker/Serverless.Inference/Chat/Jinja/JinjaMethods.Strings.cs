namespace Serverless.Inference.Chat.Jinja;

/// <summary>The methods of str, with Python's arguments and results.</summary>
internal static partial class JinjaMethods
{
    private static JinjaFunction? BindString(string text, string name)
    {
        Func<JinjaInterpreter, JinjaArgs, object?>? body = name switch
        {
            "strip" or "lstrip" or "rstrip" => (_, args) =>
            {
                var chars = OptionalString(args.Bind(name, "chars")[0], name);
                return name == "strip" ? PyStrings.Strip(text, chars) : name == "lstrip" ? PyStrings.LStrip(text, chars) : PyStrings.RStrip(text, chars);
            },
            "startswith" or "endswith" => (_, args) => StartsOrEndsWith(text, name, args),
            "split" or "rsplit" => (interpreter, args) =>
            {
                var bound = args.Bind(name, "sep", "maxsplit");
                var separator = OptionalString(bound[0], name);
                var maxSplit = Integer(JinjaArgs.Or(bound[1], -1L), name);
                var parts = name == "split" ? PyStrings.Split(text, separator, maxSplit) : PyStrings.RSplit(text, separator, maxSplit);
                interpreter.Budget.CountWork(parts.Count);
                return new JinjaList(parts);
            },
            "splitlines" => (_, args) => new JinjaList(PyStrings.SplitLines(text, JinjaValues.IsTruthy(JinjaArgs.Or(args.Bind(name, "keepends")[0], false)))),
            "upper" => (_, args) => NoArguments(args, name, PyStrings.Upper(text)),
            "lower" or "casefold" => (_, args) => NoArguments(args, name, PyStrings.Lower(text)),
            "title" => (_, args) => NoArguments(args, name, PyStrings.Title(text)),
            "capitalize" => (_, args) => NoArguments(args, name, PyStrings.Capitalize(text)),
            "swapcase" => (_, args) => NoArguments(args, name, PyStrings.SwapCase(text)),
            "center" or "ljust" or "rjust" => (interpreter, args) => Justify(interpreter, text, name, args),
            "zfill" => (interpreter, args) =>
            {
                var width = Integer(JinjaArgs.Required(args.Bind(name, "width")[0], name, "width"), name);
                interpreter.Budget.EnsureSize(width);
                return PyFormat.Pad(text, (int)width, '>', '0');
            },
            "partition" or "rpartition" => (_, args) => Partition(text, name, RequiredString(args.Bind(name, "sep")[0], name, "sep")),
            "replace" => (interpreter, args) =>
            {
                var bound = args.Bind(name, "old", "new", "count");
                return PyStrings.Replace(
                    text, RequiredString(bound[0], name, "old"), RequiredString(bound[1], name, "new"), Integer(JinjaArgs.Or(bound[2], -1L), name), interpreter.Budget);
            },
            "find" or "rfind" or "index" or "rindex" => (_, args) => Find(text, name, args),
            "count" => (_, args) => PyStrings.Count(text, RequiredString(args.Bind(name, "sub")[0], name, "sub")),
            "join" => (interpreter, args) => Join(interpreter, text, JinjaArgs.Required(args.Bind(name, "iterable")[0], name, "iterable")),
            "format" => (interpreter, args) => PyFormat.Format(interpreter, text, args),
            "removeprefix" => (_, args) => RequiredString(args.Bind(name, "prefix")[0], name, "prefix") is var p && text.StartsWith(p, StringComparison.Ordinal) ? text[p.Length..] : text,
            "removesuffix" => (_, args) => RequiredString(args.Bind(name, "suffix")[0], name, "suffix") is var s && s.Length > 0 && text.EndsWith(s, StringComparison.Ordinal) ? text[..^s.Length] : text,
            "isdigit" or "isnumeric" or "isdecimal" => (_, args) => NoArguments(args, name, text.Length > 0 && text.All(char.IsDigit)),
            "isalpha" => (_, args) => NoArguments(args, name, text.Length > 0 && text.All(char.IsLetter)),
            "isalnum" => (_, args) => NoArguments(args, name, text.Length > 0 && text.All(char.IsLetterOrDigit)),
            "isspace" => (_, args) => NoArguments(args, name, text.Length > 0 && PyStrings.IsAllSpace(text, 0)),
            "islower" => (_, args) => NoArguments(args, name, PyStrings.IsLower(text)),
            "isupper" => (_, args) => NoArguments(args, name, PyStrings.IsUpper(text)),
            _ => null,
        };
        // Every str method reads its string once at least, which the work bound counts.
        return body is null ? null : new JinjaFunction(name, (interpreter, args) =>
        {
            interpreter.Budget.CountChars(text.Length);
            return body(interpreter, args);
        });
    }

    private static string Justify(JinjaInterpreter interpreter, string text, string name, JinjaArgs args)
    {
        var bound = args.Bind(name, "width", "fillchar");
        var width = Integer(JinjaArgs.Required(bound[0], name, "width"), name);
        var fill = JinjaArgs.Or(bound[1], " ") is string { Length: 1 } one ? one[0] : throw Error($"{name}() argument 2 must be a single character");
        var margin = width - PyStrings.Length(text);
        if (margin <= 0)
        {
            return text;
        }

        interpreter.Budget.EnsureSize(width);

        // Python's center puts the odd space on the left only when the width is odd.
        var left = name switch { "ljust" => 0, "rjust" => margin, _ => (margin / 2) + (margin & width & 1) };
        return new string(fill, (int)left) + text + new string(fill, (int)(margin - left));
    }

    private static JinjaList Partition(string text, string name, string separator)
    {
        if (separator.Length == 0)
        {
            throw Error("empty separator");
        }

        var at = name == "partition" ? text.IndexOf(separator, StringComparison.Ordinal) : text.LastIndexOf(separator, StringComparison.Ordinal);
        if (at < 0)
        {
            return name == "partition" ? JinjaList.Tuple(text, "", "") : JinjaList.Tuple("", "", text);
        }

        return JinjaList.Tuple(text[..at], separator, text[(at + separator.Length)..]);
    }

    private static bool StartsOrEndsWith(string text, string name, JinjaArgs args)
    {
        var bound = args.Bind(name, "prefix", "start", "end");
        var affix = JinjaArgs.Required(bound[0], name, "prefix");
        var start = JinjaArgs.Or(bound[1], null);
        var end = JinjaArgs.Or(bound[2], null);
        if (start is not null || end is not null)
        {
            var length = PyStrings.Length(text);
            text = PyStrings.Substring(text, ClampIndex(start, length, 0), ClampIndex(end, length, length));
        }

        var candidates = affix switch
        {
            string one => [one],
            JinjaList { Kind: JinjaListKind.Tuple } tuple => tuple.Select(item => item as string
                ?? throw Error($"tuple for {name} must only contain str, not {JinjaValues.TypeName(item)}")).ToList(),
            _ => throw Error($"{name} first arg must be str or a tuple of str, not {JinjaValues.TypeName(affix)}"),
        };
        return candidates.Any(c => name == "startswith" ? text.StartsWith(c, StringComparison.Ordinal) : text.EndsWith(c, StringComparison.Ordinal));
    }

    private static long Find(string text, string name, JinjaArgs args)
    {
        var bound = args.Bind(name, "sub", "start", "end");
        var needle = RequiredString(bound[0], name, "sub");
        var length = PyStrings.Length(text);
        var from = ClampIndex(JinjaArgs.Or(bound[1], null), length, 0);
        var to = ClampIndex(JinjaArgs.Or(bound[2], null), length, length);
        var window = from > to ? null : PyStrings.Substring(text, from, to);
        var at = window is null ? -1
            : name is "find" or "index" ? window.IndexOf(needle, StringComparison.Ordinal) : window.LastIndexOf(needle, StringComparison.Ordinal);
        if (at < 0)
        {
            return name is "index" or "rindex" ? throw Error("substring not found") : -1;
        }

        return from + PyStrings.CodePointIndex(window!, at);
    }

    /// <summary>A Python slice bound for str methods: negative counts from the end, None means the default.</summary>
    private static int ClampIndex(object? index, int length, int fallback)
    {
        if (index is null)
        {
            return fallback;
        }

        var i = Integer(index, "slice");
        i = i < 0 ? Math.Max(0, i + length) : Math.Min(i, length);
        return (int)i;
    }

    public static string Join(JinjaInterpreter interpreter, string separator, object? items)
    {
        var text = new JinjaText(interpreter.Budget);
        var index = 0;
        foreach (var item in interpreter.Iterate(items))
        {
            if (item is not string part)
            {
                throw Error($"sequence item {index}: expected str instance, {JinjaValues.TypeName(item)} found");
            }

            if (index++ > 0)
            {
                text.Append(separator);
            }

            text.Append(part);
        }

        return text.ToString();
    }

    private static string? OptionalString(object? value, string callee) => value switch
    {
        null => null,
        string text => text,
        _ when value == JinjaArgs.Missing => null,
        _ => throw Error($"{callee}() argument must be str or None, not {JinjaValues.TypeName(value)}"),
    };

    private static string RequiredString(object? value, string callee, string parameter) => JinjaArgs.Required(value, callee, parameter) switch
    {
        string text => text,
        var other => throw Error($"{callee}() argument '{parameter}' must be str, not {JinjaValues.TypeName(other)}"),
    };

    private static long Integer(object? value, string callee) => JinjaValues.IsInteger(value)
        ? JinjaValues.ToLong(value)
        : throw Error($"{callee}(): '{JinjaValues.TypeName(value)}' object cannot be interpreted as an integer");
}
