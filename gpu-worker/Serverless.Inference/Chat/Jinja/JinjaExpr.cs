namespace Serverless.Inference.Chat.Jinja;

/// <summary>An expression of a parsed template, with the line it starts on.</summary>
internal abstract record JinjaExpr(int Line);
