namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>Every family-style template against every conversation shape.</summary>
public static class JinjaChatTemplateCases
{
    public static IReadOnlyList<JinjaCase> All { get; } =
    [
        .. from template in ChatTemplateSources.All
           from conversation in ChatConversations.All
           select new JinjaCase($"{template.Name}_{conversation.Name}", template.Template, conversation.Context),
    ];
}
