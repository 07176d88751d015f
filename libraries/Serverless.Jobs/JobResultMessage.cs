namespace Serverless.Jobs;

/// <summary>A message on the <c>results</c> queue: the worker's outcome for a job; the result body is in the row.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Partition">The row's partition key.</param>
/// <param name="Succeeded">Whether the model answered.</param>
/// <param name="PromptTokens">Prompt tokens used.</param>
/// <param name="CompletionTokens">Completion tokens generated.</param>
/// <param name="ComputeMs">Time the worker spent.</param>
/// <param name="ErrorCode">A machine-readable error code when it failed.</param>
/// <param name="ErrorMessage">What went wrong, for the owner.</param>
public sealed record JobResultMessage(
    string JobId,
    string Partition,
    bool Succeeded,
    int PromptTokens,
    int CompletionTokens,
    long ComputeMs,
    string? ErrorCode = null,
    string? ErrorMessage = null)
{
    /// <summary>
    /// The <see cref="ErrorCode"/> of a worker's report that it skipped a job its owner had cancelled: the job ends
    /// <c>cancelled</c>, as the owner's cancel event would end it.
    /// </summary>
    public const string CancelledCode = "cancelled";

    /// <summary>
    /// The <see cref="ErrorCode"/> of a job its worker stopped at its deadline; like a stopped cancelled one, the message
    /// carries the tokens generated until then, which are billed.
    /// </summary>
    public const string ExpiredCode = "expired";

    /// <summary>The report that the worker skipped job <paramref name="jobId"/> because its owner cancelled it (the orchestration words the error).</summary>
    public static JobResultMessage Cancelled(string jobId, string partition) => new(jobId, partition, false, 0, 0, 0, CancelledCode);
}
