namespace Serverless.Inference.Chat.Jinja;

/// <summary>A call of a macro, global or method.</summary>
internal sealed record CallExpr(int Line, JinjaExpr Callee, CallArgs Args) : JinjaExpr(Line);
