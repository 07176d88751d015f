using Serverless.OpenAI.Common;

namespace Serverless.OpenAI.Chat;

/// <summary>The answer of <c>POST /v1/chat/completions</c>.</summary>
public sealed record ChatCompletion(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatChoice> Choices,
    Usage Usage)
{
    /// <summary>Always <c>chat.completion</c>.</summary>
    public string Object => "chat.completion";
}
