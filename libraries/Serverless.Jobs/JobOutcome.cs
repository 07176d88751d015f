namespace Serverless.Jobs;

/// <summary>How a job ended, as its orchestration saw it.</summary>
/// <param name="Status">The end status.</param>
/// <param name="PromptTokens">Prompt tokens used (succeeded, or stopped mid-generation by a cancel or the deadline).</param>
/// <param name="CompletionTokens">Completion tokens generated (likewise).</param>
/// <param name="ComputeMs">Worker time.</param>
/// <param name="ErrorCode">The error code, unless it succeeded.</param>
/// <param name="ErrorMessage">The error message, unless it succeeded.</param>
public sealed record JobOutcome(string Status, int PromptTokens, int CompletionTokens, long ComputeMs, string? ErrorCode, string? ErrorMessage);
