namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{% with a = x, b = y %}body{% endwith %}</c>: the body in its own scope.</summary>
internal sealed record WithNode(int Line, IReadOnlyList<JinjaExpr> Targets, IReadOnlyList<JinjaExpr> Values, IReadOnlyList<JinjaNode> Body)
    : JinjaNode(Line);
