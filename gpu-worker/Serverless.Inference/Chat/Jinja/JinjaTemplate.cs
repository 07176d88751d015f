namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// A Jinja template parsed once and rendered many times, with the semantics of Hugging Face's
/// <c>apply_chat_template</c> environment: jinja2's ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks
/// and loopcontrols, its <c>tojson</c>, <c>raise_exception</c> and <c>strftime_now</c>.
/// </summary>
internal sealed class JinjaTemplate
{
    private readonly IReadOnlyList<JinjaNode> body;
    private readonly JinjaLimits limits;

    private JinjaTemplate(string source, IReadOnlyList<JinjaNode> body, JinjaLimits limits)
    {
        Source = source;
        this.body = body;
        this.limits = limits;
    }

    /// <summary>The template's text.</summary>
    public string Source { get; }

    /// <summary>Parses once; throws JinjaException (message names line and column) on a syntax error.</summary>
    public static JinjaTemplate Parse(string source, JinjaLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        limits ??= JinjaLimits.Default;
        if (source.Length > limits.MaxSourceChars)
        {
            throw new JinjaException(JinjaErrorKind.Limit, $"the template is longer than {limits.MaxSourceChars} characters");
        }

        try
        {
            return new JinjaTemplate(source, JinjaParser.Parse(source, limits), limits);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JinjaException(JinjaErrorKind.Limit, "the template nests too deeply to parse");
        }
    }

    /// <summary>
    /// Renders with these globals. Values may be: null, string, bool, int, long, double, decimal,
    /// IEnumerable&lt;object?&gt; / IReadOnlyList&lt;object?&gt; (lists), IReadOnlyDictionary&lt;string, object?&gt; (dicts, insertion order kept),
    /// System.Text.Json JsonElement or JsonNode (converted to the same: objects keep property order).
    /// Throws JinjaException on a runtime error, on raise_exception, or when a limit is hit.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object?> globals, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(globals);
        return JinjaInterpreter.Render(body, globals, limits, time ?? TimeProvider.System);
    }
}
