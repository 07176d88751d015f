namespace Serverless.Inference.Chat.Jinja;

/// <summary>The evaluated arguments of a call, filter or test, bound to parameter names the way Python binds them.</summary>
internal sealed class JinjaArgs(IReadOnlyList<object?> positional, IReadOnlyList<KeyValuePair<string, object?>> named)
{
    /// <summary>Marks a parameter the caller did not pass.</summary>
    public static readonly object Missing = new();

    public static JinjaArgs None { get; } = new([], []);

    public IReadOnlyList<object?> Positional => positional;

    public IReadOnlyList<KeyValuePair<string, object?>> Named => named;

    public static JinjaArgs Of(params object?[] positional) => new(positional, []);

    /// <summary>One value per name, <see cref="Missing"/> where not passed; too many, unknown or doubled arguments throw.</summary>
    public object?[] Bind(string callee, params string[] names)
    {
        if (positional.Count > names.Length)
        {
            throw Error($"{callee}() takes at most {names.Length} argument(s) ({positional.Count} given)");
        }

        var values = new object?[names.Length];
        Array.Fill(values, Missing);
        for (var i = 0; i < positional.Count; i++)
        {
            values[i] = positional[i];
        }

        foreach (var (name, value) in named)
        {
            var index = Array.IndexOf(names, name);
            if (index < 0)
            {
                throw Error($"{callee}() got an unexpected keyword argument '{name}'");
            }

            if (values[index] != Missing)
            {
                throw Error($"{callee}() got multiple values for argument '{name}'");
            }

            values[index] = value;
        }

        return values;
    }

    /// <summary>Throws unless no keyword argument was passed.</summary>
    public void NoKeywords(string callee)
    {
        if (named.Count > 0)
        {
            throw Error($"{callee}() takes no keyword arguments");
        }
    }

    public static object? Or(object? value, object? fallback) => value == Missing ? fallback : value;

    public static object? Required(object? value, string callee, string name) =>
        value == Missing ? throw Error($"{callee}() missing required argument '{name}'") : value;

    private static JinjaException Error(string message) => new(JinjaErrorKind.Runtime, message);
}
