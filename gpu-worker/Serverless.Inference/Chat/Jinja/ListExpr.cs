namespace Serverless.Inference.Chat.Jinja;

/// <summary>A list literal <c>[a, b]</c> or a tuple <c>(a, b)</c> / <c>a, b</c>.</summary>
internal sealed record ListExpr(int Line, IReadOnlyList<JinjaExpr> Items, bool IsTuple) : JinjaExpr(Line);
