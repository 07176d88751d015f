namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{% for target in iterable if filter %}body{% else %}else{% endfor %}</c>.</summary>
internal sealed record ForNode(
    int Line, JinjaExpr Target, JinjaExpr Iterable, JinjaExpr? Filter, IReadOnlyList<JinjaNode> Body, IReadOnlyList<JinjaNode> Else)
    : JinjaNode(Line);
