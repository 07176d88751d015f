namespace Serverless.Inference.Chat.Jinja;

/// <summary>jinja2's built-in filters that chat templates use, with Hugging Face's <c>tojson</c>.</summary>
internal static partial class JinjaFilters
{
    private static readonly Dictionary<string, Func<JinjaInterpreter, object?, JinjaArgs, object?>> Filters = new(StringComparer.Ordinal)
    {
        ["abs"] = Abs,
        ["attr"] = Attr,
        ["batch"] = Batch,
        ["capitalize"] = (i, v, a) => Text(i, v, a, "capitalize", PyStrings.Capitalize),
        ["center"] = Center,
        ["count"] = Length,
        ["d"] = Default,
        ["default"] = Default,
        ["dictsort"] = DictSort,
        ["e"] = Escape,
        ["escape"] = Escape,
        ["first"] = First,
        ["float"] = Float,
        ["forceescape"] = Escape,
        ["format"] = Format,
        ["indent"] = Indent,
        ["int"] = Int,
        ["items"] = Items,
        ["join"] = Join,
        ["last"] = Last,
        ["length"] = Length,
        ["list"] = (i, v, a) => NoArguments(a, "list", new JinjaList([.. i.Iterate(v)])),
        ["lower"] = (i, v, a) => Text(i, v, a, "lower", PyStrings.Lower),
        ["map"] = Map,
        ["max"] = (i, v, a) => MinOrMax(i, v, a, "max"),
        ["min"] = (i, v, a) => MinOrMax(i, v, a, "min"),
        ["reject"] = (i, v, a) => Select(i, v, a, keep: false, byAttribute: false),
        ["rejectattr"] = (i, v, a) => Select(i, v, a, keep: false, byAttribute: true),
        ["replace"] = Replace,
        ["reverse"] = Reverse,
        ["round"] = Round,
        ["safe"] = (i, v, a) => NoArguments(a, "safe", JinjaValues.ToStr(v, i.Budget)),
        ["select"] = (i, v, a) => Select(i, v, a, keep: true, byAttribute: false),
        ["selectattr"] = (i, v, a) => Select(i, v, a, keep: true, byAttribute: true),
        ["sort"] = Sort,
        ["string"] = (i, v, a) => NoArguments(a, "string", JinjaValues.ToStr(v, i.Budget)),
        ["sum"] = Sum,
        ["title"] = (i, v, a) => Text(i, v, a, "title", PyStrings.Title),
        ["tojson"] = JinjaJson.ToJsonFilter,
        ["trim"] = Trim,
        ["unique"] = Unique,
        ["upper"] = (i, v, a) => Text(i, v, a, "upper", PyStrings.Upper),
        ["wordcount"] = WordCount,
    };

    // jinja2 filters left out: nothing in chat templates needs them, and a clear error beats a silent difference.
    private static readonly HashSet<string> Unsupported =
    [
        "filesizeformat", "groupby", "pprint", "random", "slice", "striptags", "truncate", "urlencode", "urlize", "wordwrap", "xmlattr",
    ];

    public static bool Exists(string name) => Filters.ContainsKey(name);

    public static bool IsUnsupported(string name) => Unsupported.Contains(name);

    public static object? Apply(JinjaInterpreter interpreter, string name, object? value, JinjaArgs args) =>
        Filters.TryGetValue(name, out var filter)
            ? filter(interpreter, value, args)
            : throw new JinjaException(JinjaErrorKind.Runtime, $"No filter named '{name}'.");

    private static object? NoArguments(JinjaArgs args, string name, object? result)
    {
        args.Bind(name);
        return result;
    }

    /// <summary>jinja2's <c>make_attrgetter</c>: a dotted path, digits as list indexes, looked up like <c>a[b]</c>.</summary>
    private static Func<object?, object?> AttributeGetter(JinjaInterpreter interpreter, object? attribute, object? fallback = null, bool ignoreCase = false)
    {
        var parts = attribute switch
        {
            null => [],
            string path => path.Split('.').Select(p => p.Length > 0 && p.All(char.IsAsciiDigit) ? (object?)long.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : p).ToArray(),
            _ => [attribute],
        };
        return item =>
        {
            foreach (var part in parts)
            {
                item = interpreter.GetItem(item, part);
                if (fallback is not null && item is JinjaUndefined)
                {
                    item = fallback;
                }
            }

            return ignoreCase && item is string text ? text.ToLowerInvariant() : item;
        };
    }

    private static long Integer(object? value, string callee) => JinjaValues.IsInteger(value)
        ? JinjaValues.ToLong(value)
        : throw Error($"{callee}(): '{JinjaValues.TypeName(value)}' object cannot be interpreted as an integer");

    private static JinjaException Error(string message) => new(JinjaErrorKind.Runtime, message);
}
