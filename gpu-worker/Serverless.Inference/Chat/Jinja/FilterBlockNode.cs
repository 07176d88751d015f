namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{% filter f %}body{% endfilter %}</c>: the rendered body passed through the filters.</summary>
internal sealed record FilterBlockNode(int Line, FilterExpr Filter, IReadOnlyList<JinjaNode> Body) : JinjaNode(Line);
