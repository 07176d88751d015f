namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>start:stop:step</c> inside a subscript; missing parts are null.</summary>
internal sealed record SliceExpr(int Line, JinjaExpr? Start, JinjaExpr? Stop, JinjaExpr? Step) : JinjaExpr(Line);
