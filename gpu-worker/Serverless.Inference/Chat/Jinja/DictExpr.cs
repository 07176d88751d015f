namespace Serverless.Inference.Chat.Jinja;

/// <summary>A dict literal; keys and values line up.</summary>
internal sealed record DictExpr(int Line, IReadOnlyList<JinjaExpr> Keys, IReadOnlyList<JinjaExpr> Values) : JinjaExpr(Line);
