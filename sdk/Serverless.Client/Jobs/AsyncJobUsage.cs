namespace Serverless.Client.Jobs;

/// <summary>The tokens a job was billed for.</summary>
/// <param name="PromptTokens">Input tokens.</param>
/// <param name="CompletionTokens">Output tokens.</param>
/// <param name="TotalTokens">Both.</param>
public sealed record AsyncJobUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
