namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{% set target = value %}</c>; the target is a name, a tuple of names or <c>namespace.attribute</c>.</summary>
internal sealed record SetNode(int Line, JinjaExpr Target, JinjaExpr Value) : JinjaNode(Line);
