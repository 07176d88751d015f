namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>target is name(args)</c>; <c>is not</c> wraps it in a <c>not</c>.</summary>
internal sealed record TestExpr(int Line, JinjaExpr Target, string Name, CallArgs Args) : JinjaExpr(Line);
