namespace Serverless.Inference.Chat.Jinja;

/// <summary>A literal: string, int, float, bool or none.</summary>
internal sealed record ConstExpr(int Line, object? Value) : JinjaExpr(Line);
