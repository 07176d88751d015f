namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// Hugging Face's <c>tojson</c> filter, which is Python's
/// <c>json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)</c>:
/// <c>", "</c> and <c>": "</c> between items by default, <c>","</c> once indented, non-ASCII text kept.
/// </summary>
internal static class JinjaJson
{
    public static object? ToJsonFilter(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        // The same parameter order as Hugging Face's override, so a positional argument means ensure_ascii.
        var bound = args.Bind("tojson", "ensure_ascii", "indent", "separators", "sort_keys");
        var ensureAscii = JinjaValues.IsTruthy(JinjaArgs.Or(bound[0], false));
        var indent = JinjaArgs.Or(bound[1], null) switch
        {
            null => null,
            string given => given,
            var width when JinjaValues.IsInteger(width) => new string(' ', (int)Math.Clamp(JinjaValues.ToLong(width), 0, interpreter.Budget.Limits.MaxOutputChars)),
            var other => throw new JinjaException(JinjaErrorKind.Runtime, $"indent must be an int or a str, not {JinjaValues.TypeName(other)}"),
        };
        var (itemSeparator, keySeparator) = indent is null ? (", ", ": ") : (",", ": ");
        if (JinjaArgs.Or(bound[2], null) is { } separators)
        {
            var pair = interpreter.Materialize(separators);
            (itemSeparator, keySeparator) = pair.Count == 2 && pair[0] is string item && pair[1] is string key
                ? (item, key)
                : throw new JinjaException(JinjaErrorKind.Runtime, "separators must be a pair of strings");
        }

        var text = new JinjaText(interpreter.Budget);
        new JinjaJsonWriter(interpreter.Budget, text, ensureAscii, indent, itemSeparator, keySeparator, JinjaValues.IsTruthy(JinjaArgs.Or(bound[3], false)))
            .Write(value, 0);
        return text.ToString();
    }
}
