using Azure;
using Azure.Data.Tables;

namespace Serverless.Jobs;

/// <summary>
/// One job in the <c>jobs</c> table: partitioned by owner (so a caller's list is one partition) and keyed by job id,
/// whose newest-first order makes the list's pages. The API, the orchestration and the worker all read and write
/// it; every change of <see cref="Status"/> is ETag-guarded so no two writers both end a job.
/// </summary>
public sealed class JobEntity : ITableEntity
{
    /// <summary>The table's name.</summary>
    public const string TableName = "jobs";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The owner (tenant), unescaped.</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary>The key that submitted it.</summary>
    public string KeyId { get; set; } = string.Empty;

    /// <summary>The worker path that serves it: <c>v1/completions</c> or <c>v1/chat/completions</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The resolved model id.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>One of <see cref="JobStatus"/>.</summary>
    public string Status { get; set; } = JobStatus.Queued;

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a worker started it.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When it expires unless done.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The validated request (JSON), unless it is in a blob.</summary>
    public string? Request { get; set; }

    /// <summary>The blob holding the request, when too large for the row.</summary>
    public string? RequestBlob { get; set; }

    /// <summary>The OpenAI-shaped result (JSON), unless it is in a blob.</summary>
    public string? Result { get; set; }

    /// <summary>The blob holding the result, when too large for the row.</summary>
    public string? ResultBlob { get; set; }

    /// <summary>The error code when it failed.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The error message when it failed.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>Prompt tokens billed.</summary>
    public int PromptTokens { get; set; }

    /// <summary>Completion tokens billed.</summary>
    public int CompletionTokens { get; set; }

    /// <summary>The tokens reserved at submission: the worker keeps prompt and completion within them (null: no cap).</summary>
    public long? TokenBudget { get; set; }

    /// <summary>The quota reservation taken at submission (JSON), settled when the job ends.</summary>
    public string? Reservation { get; set; }

    /// <summary>Whether its usage and reservation have been settled: set once, by whoever ends the job.</summary>
    public bool Settled { get; set; }

    /// <summary>Which run of the ending activity settled the job: the run that finds its own mark after a lost answer settles the quota.</summary>
    public string? SettledBy { get; set; }

    /// <summary>
    /// The end state the settling run claimed. <see cref="Status"/> takes it only once the reservation is released,
    /// so an owner who sees the job ended finds its quota free again.
    /// </summary>
    public string? EndStatus { get; set; }

    /// <summary>Set by a cancel request, so that a worker skips the job.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>How many times a worker picked it up.</summary>
    public int Deliveries { get; set; }

    /// <summary>Where its owner polls it (made from the submitting request's host).</summary>
    public string StatusUrl { get; set; } = string.Empty;

    /// <summary>The URL called when it ends.</summary>
    public string? Webhook { get; set; }

    /// <summary>For a batch chunk (<see cref="BatchChunks"/>): how many of the batch's lines it carries.</summary>
    public int? BatchLines { get; set; }

    /// <summary>
    /// The <see cref="PriorityClass"/> decided at submission (<c>high</c>, <c>normal</c>, <c>low</c>), naming the work
    /// queue its message went to; null for a job submitted before there were classes (normal).
    /// </summary>
    public string? Priority { get; set; }
}
