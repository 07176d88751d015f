namespace Serverless.Api.Batches;

/// <summary>A batch as OpenAI's Batch API shows it.</summary>
/// <param name="Id">The batch id.</param>
/// <param name="Endpoint">The endpoint its lines call.</param>
/// <param name="Errors">Input-file errors, when it failed validation.</param>
/// <param name="InputFileId">The input file.</param>
/// <param name="CompletionWindow">Always <c>24h</c>.</param>
/// <param name="Status">One of <see cref="BatchStatus"/>.</param>
/// <param name="OutputFileId">The output file, once ended.</param>
/// <param name="ErrorFileId">The error file, once ended with failed lines.</param>
/// <param name="CreatedAt">Unix seconds.</param>
/// <param name="InProgressAt">Unix seconds.</param>
/// <param name="ExpiresAt">Unix seconds.</param>
/// <param name="FinalizingAt">Unix seconds.</param>
/// <param name="CompletedAt">Unix seconds.</param>
/// <param name="FailedAt">Unix seconds.</param>
/// <param name="ExpiredAt">Unix seconds.</param>
/// <param name="CancellingAt">Unix seconds.</param>
/// <param name="CancelledAt">Unix seconds.</param>
/// <param name="RequestCounts">Lines in all, answered and failed.</param>
/// <param name="Metadata">The caller's metadata.</param>
public sealed record BatchObject(
    string Id,
    string Endpoint,
    BatchErrorList? Errors,
    string InputFileId,
    string CompletionWindow,
    string Status,
    string? OutputFileId,
    string? ErrorFileId,
    long CreatedAt,
    long? InProgressAt,
    long ExpiresAt,
    long? FinalizingAt,
    long? CompletedAt,
    long? FailedAt,
    long? ExpiredAt,
    long? CancellingAt,
    long? CancelledAt,
    BatchRequestCounts RequestCounts,
    IReadOnlyDictionary<string, string>? Metadata)
{
    /// <summary>The object type.</summary>
    public string Object => "batch";
}

/// <summary>Lines in all, answered and failed.</summary>
/// <param name="Total">Lines in the input.</param>
/// <param name="Completed">Lines answered 2xx.</param>
/// <param name="Failed">Lines that failed.</param>
public sealed record BatchRequestCounts(int Total, int Completed, int Failed);

/// <summary>A batch's input-file errors, in OpenAI's list shape.</summary>
/// <param name="Data">The errors.</param>
public sealed record BatchErrorList(IReadOnlyList<BatchError> Data)
{
    /// <summary>The object type.</summary>
    public string Object => "list";
}

/// <summary>A page of batches, newest first.</summary>
/// <param name="Data">The batches.</param>
/// <param name="FirstId">The first batch's id.</param>
/// <param name="LastId">The last batch's id; pass it as <c>after</c> for the next page.</param>
/// <param name="HasMore">Whether another page follows.</param>
public sealed record BatchList(IReadOnlyList<BatchObject> Data, string? FirstId, string? LastId, bool HasMore)
{
    /// <summary>The object type.</summary>
    public string Object => "list";
}
