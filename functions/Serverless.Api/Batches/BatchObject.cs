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
