namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>then if test else otherwise</c>; without else it gives undefined.</summary>
internal sealed record CondExpr(int Line, JinjaExpr Test, JinjaExpr Then, JinjaExpr? Else) : JinjaExpr(Line);
