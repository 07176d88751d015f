namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{% set target | filters %}body{% endset %}</c>: the rendered body, filtered, assigned.</summary>
internal sealed record SetBlockNode(int Line, JinjaExpr Target, FilterExpr? Filter, IReadOnlyList<JinjaNode> Body) : JinjaNode(Line);
