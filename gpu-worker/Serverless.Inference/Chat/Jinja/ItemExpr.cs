namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>target[key]</c>, where the key may be a <see cref="SliceExpr"/>.</summary>
internal sealed record ItemExpr(int Line, JinjaExpr Target, JinjaExpr Key) : JinjaExpr(Line);
