namespace Serverless.Inference.Chat.Jinja;

/// <summary>Template text outside any tag, whitespace control already applied.</summary>
internal sealed record TextNode(int Line, string Text) : JinjaNode(Line);
