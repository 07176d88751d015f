namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{% if %}</c>; an <c>elif</c> is an if nested in the else branch.</summary>
internal sealed record IfNode(int Line, JinjaExpr Test, IReadOnlyList<JinjaNode> Body, IReadOnlyList<JinjaNode> Else) : JinjaNode(Line);
