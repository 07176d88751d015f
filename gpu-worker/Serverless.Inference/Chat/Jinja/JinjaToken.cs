namespace Serverless.Inference.Chat.Jinja;

/// <summary>One token with where it starts; <paramref name="Literal"/> holds a number's or string's value.</summary>
internal readonly record struct JinjaToken(JinjaTokenKind Kind, string Value, int Line, int Column, object? Literal = null)
{
    public bool Is(JinjaTokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsName(string name) => Kind == JinjaTokenKind.Name && Value == name;

    public bool IsOperator(string op) => Kind == JinjaTokenKind.Operator && Value == op;

    /// <summary>How jinja2 names the token in its messages.</summary>
    public string Describe() => Kind switch
    {
        JinjaTokenKind.End => "end of template",
        JinjaTokenKind.BlockEnd => "end of statement block",
        JinjaTokenKind.VariableEnd => "end of print statement",
        JinjaTokenKind.BlockBegin => "begin of statement block",
        JinjaTokenKind.VariableBegin => "begin of print statement",
        JinjaTokenKind.Text => "template data",
        JinjaTokenKind.String => "string",
        _ => Value,
    };
}
