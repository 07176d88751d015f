namespace Serverless.Inference.Chat.Jinja;

/// <summary>Arithmetic, <c>~</c> concatenation, and the short-circuit <c>and</c> / <c>or</c>.</summary>
internal sealed record BinaryExpr(int Line, string Op, JinjaExpr Left, JinjaExpr Right) : JinjaExpr(Line);
