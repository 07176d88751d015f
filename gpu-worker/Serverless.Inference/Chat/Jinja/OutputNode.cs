namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{{ x }}</c> (or <c>{% print x, y %}</c>): each value printed with Python's <c>str()</c>.</summary>
internal sealed record OutputNode(int Line, IReadOnlyList<JinjaExpr> Values) : JinjaNode(Line);
