namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>target.name</c>: an attribute or method, falling back to the dict key.</summary>
internal sealed record AttrExpr(int Line, JinjaExpr Target, string Name) : JinjaExpr(Line);
