namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// The methods a template may call on str, list, tuple and dict values. Methods that would change a list or dict
/// resolve to an unsafe undefined that raises when called, as jinja2's ImmutableSandboxedEnvironment does.
/// </summary>
internal static partial class JinjaMethods
{
    private static readonly HashSet<string> ListMutators = ["append", "extend", "insert", "remove", "reverse", "sort", "pop", "clear"];
    private static readonly HashSet<string> DictMutators = ["clear", "pop", "popitem", "setdefault", "update"];

    /// <summary>The bound method <paramref name="name"/> of <paramref name="owner"/>, an unsafe undefined for a mutator, or null.</summary>
    public static object? Bind(object? owner, string name) => owner switch
    {
        string text => BindString(text, name),
        JinjaList { Kind: JinjaListKind.List } list when ListMutators.Contains(name) => JinjaUndefined.Unsafe(list, name),
        JinjaList { IsView: false } list => BindSequence(list, name),
        JinjaDict dict when DictMutators.Contains(name) => JinjaUndefined.Unsafe(dict, name),
        JinjaDict dict => BindDict(dict, name),
        _ => null,
    };

    private static JinjaFunction? BindSequence(JinjaList list, string name) => name switch
    {
        "index" => new(name, (interpreter, args) =>
        {
            var bound = args.Bind(name, "value");
            var value = JinjaArgs.Required(bound[0], name, "value");
            for (var i = 0; i < list.Count; i++)
            {
                if (JinjaValues.PyEquals(list[i], value, interpreter.Budget))
                {
                    return (long)i;
                }
            }

            throw new JinjaException(JinjaErrorKind.Runtime, $"{JinjaValues.Repr(value)} is not in list");
        }),
        "count" => new(name, (interpreter, args) =>
        {
            var value = JinjaArgs.Required(args.Bind(name, "value")[0], name, "value");
            return (long)list.Count(item => JinjaValues.PyEquals(item, value, interpreter.Budget));
        }),
        "copy" when list.Kind == JinjaListKind.List => new(name, (_, args) => NoArguments(args, name, list)),
        _ => null,
    };

    private static JinjaFunction? BindDict(JinjaDict dict, string name) => name switch
    {
        "items" => new(name, (_, args) => NoArguments(args, name, new JinjaList(
            [.. dict.Pairs.Select(p => JinjaList.Tuple(p.Key, p.Value))], JinjaListKind.DictItems))),
        "keys" => new(name, (_, args) => NoArguments(args, name, new JinjaList([.. dict.Keys], JinjaListKind.DictKeys))),
        "values" => new(name, (_, args) => NoArguments(args, name, new JinjaList([.. dict.Values], JinjaListKind.DictValues))),
        "get" => new(name, (_, args) =>
        {
            var bound = args.Bind(name, "key", "default");
            var key = JinjaArgs.Required(bound[0], name, "key");
            return dict.TryGetValue(key, out var value) ? value : JinjaArgs.Or(bound[1], null);
        }),
        "copy" => new(name, (_, args) => NoArguments(args, name, dict)),
        _ => null,
    };

    private static object? NoArguments(JinjaArgs args, string name, object? result)
    {
        args.Bind(name);
        return result;
    }

    private static JinjaException Error(string message) => new(JinjaErrorKind.Runtime, message);
}
