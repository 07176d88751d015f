namespace Serverless.Inference.Chat.Jinja;

/// <summary>A comparison chain <c>a &lt; b &lt;= c</c>, <c>in</c> and <c>notin</c> included; ops and operands line up.</summary>
internal sealed record CompareExpr(int Line, JinjaExpr First, IReadOnlyList<string> Ops, IReadOnlyList<JinjaExpr> Operands) : JinjaExpr(Line);
