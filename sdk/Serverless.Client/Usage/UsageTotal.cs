namespace Serverless.Client.Usage;

/// <summary>The sum of every row of a usage answer.</summary>
/// <param name="PromptTokens">Input tokens.</param>
/// <param name="CompletionTokens">Output tokens.</param>
/// <param name="TotalTokens">Both.</param>
/// <param name="Requests">Billable requests.</param>
/// <param name="Cost">Their cost.</param>
public sealed record UsageTotal(long PromptTokens, long CompletionTokens, long TotalTokens, long Requests, decimal Cost);
