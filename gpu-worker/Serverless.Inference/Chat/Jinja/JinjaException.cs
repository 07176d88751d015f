namespace Serverless.Inference.Chat.Jinja;

/// <summary>A template that does not parse, fails while rendering, raises on purpose or hits a sandbox bound.</summary>
internal sealed class JinjaException : Exception
{
    public JinjaException(JinjaErrorKind kind, string detail, int? line = null, int? column = null)
        : base(Compose(kind, detail, line, column))
    {
        Kind = kind;
        Detail = detail;
        Line = line;
        Column = column;
    }

    public JinjaErrorKind Kind { get; }

    /// <summary>The message without its position; for <see cref="JinjaErrorKind.Raised"/> exactly what the template passed.</summary>
    public string Detail { get; }

    public int? Line { get; }

    public int? Column { get; }

    /// <summary>The same error placed on a line; helpers throw without one and the interpreter adds the node's.</summary>
    public JinjaException AtLine(int line) => Line is null ? new JinjaException(Kind, Detail, line) : this;

    private static string Compose(JinjaErrorKind kind, string detail, int? line, int? column)
    {
        // raise_exception's text is the template's own message to the caller, so it stays untouched.
        if (kind == JinjaErrorKind.Raised || line is null)
        {
            return detail;
        }

        return column is null ? $"{detail} (line {line})" : $"{detail} (line {line}, column {column})";
    }
}
