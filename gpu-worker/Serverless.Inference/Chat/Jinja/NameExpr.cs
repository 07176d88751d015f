namespace Serverless.Inference.Chat.Jinja;

/// <summary>A variable, looked up from the innermost scope out.</summary>
internal sealed record NameExpr(int Line, string Name) : JinjaExpr(Line);
