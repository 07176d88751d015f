namespace Serverless.OpenAI.Chat;

/// <summary>The message a chat choice carries.</summary>
public sealed record AssistantMessage(string Content)
{
    /// <summary>Always <c>assistant</c>.</summary>
    public string Role => "assistant";
}
