namespace Serverless.OpenAI.Common;

/// <summary>Token counts of one request, as OpenAI reports them.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    /// <summary>Builds a usage record whose total is the sum of its parts.</summary>
    public static Usage Of(int promptTokens, int completionTokens) =>
        new(promptTokens, completionTokens, promptTokens + completionTokens);
}
