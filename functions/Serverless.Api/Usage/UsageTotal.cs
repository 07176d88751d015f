namespace Serverless.Api.Usage;

/// <summary>The sum of every row of a usage answer.</summary>
public sealed record UsageTotal(long PromptTokens, long CompletionTokens, long TotalTokens, long Requests, decimal Cost, long Errors, long RateLimited, long Cached);
