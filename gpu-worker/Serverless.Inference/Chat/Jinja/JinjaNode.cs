namespace Serverless.Inference.Chat.Jinja;

/// <summary>A statement of a parsed template, with the line it starts on.</summary>
internal abstract record JinjaNode(int Line);
