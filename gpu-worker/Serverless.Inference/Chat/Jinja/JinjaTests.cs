namespace Serverless.Inference.Chat.Jinja;

/// <summary>jinja2's built-in tests: <c>x is defined</c>, <c>x is string</c>, <c>x is divisibleby 3</c> and the rest.</summary>
internal static class JinjaTests
{
    private static readonly Dictionary<string, Func<JinjaInterpreter, object?, JinjaArgs, bool>> Tests = new(StringComparer.Ordinal)
    {
        ["defined"] = (_, v, a) => Unary(a, "defined", v is not JinjaUndefined),
        ["undefined"] = (_, v, a) => Unary(a, "undefined", v is JinjaUndefined),
        ["none"] = (_, v, a) => Unary(a, "none", v is null),
        ["boolean"] = (_, v, a) => Unary(a, "boolean", v is bool),
        ["true"] = (_, v, a) => Unary(a, "true", v is true),
        ["false"] = (_, v, a) => Unary(a, "false", v is false),
        ["integer"] = (_, v, a) => Unary(a, "integer", v is long),
        ["float"] = (_, v, a) => Unary(a, "float", v is double),
        ["number"] = (_, v, a) => Unary(a, "number", JinjaValues.IsNumber(v)),
        ["string"] = (_, v, a) => Unary(a, "string", v is string),
        ["mapping"] = (_, v, a) => Unary(a, "mapping", v is JinjaDict),
        ["iterable"] = (_, v, a) => Unary(a, "iterable", v is string or JinjaList or JinjaDict or JinjaIterator or JinjaUndefined or JinjaLoop),

        // Python's "has len() and __getitem__": undefined qualifies, dict views and generators do not.
        ["sequence"] = (_, v, a) => Unary(a, "sequence", v is string or JinjaList { IsView: false } or JinjaDict or JinjaUndefined),
        ["callable"] = (_, v, a) => Unary(a, "callable", v is JinjaMacro or JinjaFunction or JinjaUndefined or JinjaLoop),
        ["odd"] = (i, v, a) => Unary(a, "odd", JinjaValues.PyEquals(JinjaOperators.Binary("%", v, 2L, i.Budget), 1L, null)),
        ["even"] = (i, v, a) => Unary(a, "even", JinjaValues.PyEquals(JinjaOperators.Binary("%", v, 2L, i.Budget), 0L, null)),
        ["divisibleby"] = (i, v, a) => JinjaValues.PyEquals(JinjaOperators.Binary("%", v, Argument(a, "divisibleby", "num"), i.Budget), 0L, null),
        ["lower"] = (i, v, a) => Unary(a, "lower", PyStrings.IsLower(JinjaValues.ToStr(v, i.Budget))),
        ["upper"] = (i, v, a) => Unary(a, "upper", PyStrings.IsUpper(JinjaValues.ToStr(v, i.Budget))),
        ["sameas"] = (_, v, a) => SameAs(v, Argument(a, "sameas", "other")),
        ["escaped"] = (_, _, a) => Unary(a, "escaped", false),
        ["filter"] = (_, v, a) => Unary(a, "filter", v is string name && JinjaFilters.Exists(name)),
        ["test"] = (_, v, a) => Unary(a, "test", v is string name && Exists(name)),
        ["in"] = (i, v, a) => i.Contains(Argument(a, "in", "seq"), v),
        ["=="] = (i, v, a) => i.Compare("==", v, Argument(a, "eq", "b")),
        ["eq"] = (i, v, a) => i.Compare("==", v, Argument(a, "eq", "b")),
        ["equalto"] = (i, v, a) => i.Compare("==", v, Argument(a, "eq", "b")),
        ["!="] = (i, v, a) => i.Compare("!=", v, Argument(a, "ne", "b")),
        ["ne"] = (i, v, a) => i.Compare("!=", v, Argument(a, "ne", "b")),
        [">"] = (i, v, a) => i.Compare(">", v, Argument(a, "gt", "b")),
        ["gt"] = (i, v, a) => i.Compare(">", v, Argument(a, "gt", "b")),
        ["greaterthan"] = (i, v, a) => i.Compare(">", v, Argument(a, "gt", "b")),
        [">="] = (i, v, a) => i.Compare(">=", v, Argument(a, "ge", "b")),
        ["ge"] = (i, v, a) => i.Compare(">=", v, Argument(a, "ge", "b")),
        ["<"] = (i, v, a) => i.Compare("<", v, Argument(a, "lt", "b")),
        ["lt"] = (i, v, a) => i.Compare("<", v, Argument(a, "lt", "b")),
        ["lessthan"] = (i, v, a) => i.Compare("<", v, Argument(a, "lt", "b")),
        ["<="] = (i, v, a) => i.Compare("<=", v, Argument(a, "le", "b")),
        ["le"] = (i, v, a) => i.Compare("<=", v, Argument(a, "le", "b")),
    };

    public static bool Exists(string name) => Tests.ContainsKey(name);

    public static bool Apply(JinjaInterpreter interpreter, string name, object? value, JinjaArgs args) =>
        Tests.TryGetValue(name, out var test)
            ? test(interpreter, value, args)
            : throw new JinjaException(JinjaErrorKind.Runtime, $"No test named '{name}'.");

    private static bool Unary(JinjaArgs args, string name, bool result)
    {
        args.Bind(name);
        return result;
    }

    private static object? Argument(JinjaArgs args, string name, string parameter) =>
        JinjaArgs.Required(args.Bind(name, parameter)[0], name, parameter);

    /// <summary>Python's <c>is</c>: None and the booleans are singletons, and CPython caches the ints -5 to 256.</summary>
    private static bool SameAs(object? value, object? other) => (value, other) switch
    {
        (null, null) => true,
        (bool a, bool b) => a == b,
        (long a, long b) => a == b && a is >= -5 and <= 256,
        _ => ReferenceEquals(value, other),
    };
}
