namespace Serverless.Inference.Chat.Jinja;

/// <summary>A body rendered as is in its own scope: Hugging Face's <c>{% generation %}</c> block.</summary>
internal sealed record ScopeNode(int Line, IReadOnlyList<JinjaNode> Body) : JinjaNode(Line);
