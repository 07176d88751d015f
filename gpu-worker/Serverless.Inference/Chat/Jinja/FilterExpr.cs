namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>target | name(args)</c>; a null target stands for a filter block's rendered body.</summary>
internal sealed record FilterExpr(int Line, JinjaExpr? Target, string Name, CallArgs Args) : JinjaExpr(Line);
