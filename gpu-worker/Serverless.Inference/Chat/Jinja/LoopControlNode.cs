namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{% break %}</c> or <c>{% continue %}</c> (jinja2's loopcontrols extension).</summary>
internal sealed record LoopControlNode(int Line, bool IsBreak) : JinjaNode(Line);
