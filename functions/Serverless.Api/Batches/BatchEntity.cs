using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Batches;

/// <summary>
/// One batch in the <c>batches</c> table, partitioned by owner and keyed by its id (newest first). Its lines run
/// as chunks: job rows in the <c>jobs</c> table whose partition is the batch id (<see cref="BatchChunks"/>).
/// </summary>
public sealed class BatchEntity : ITableEntity
{
    /// <summary>The table's name.</summary>
    public const string TableName = "batches";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The owner, unescaped.</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary>The key that created it.</summary>
    public string KeyId { get; set; } = string.Empty;

    /// <summary>The caller it runs as (JSON of <see cref="BatchCaller"/>): its lines are admitted against these limits.</summary>
    public string Caller { get; set; } = string.Empty;

    /// <summary>The endpoint every line calls: <c>/v1/chat/completions</c>, <c>/v1/completions</c> or <c>/v1/embeddings</c>.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The uploaded input file.</summary>
    public string InputFileId { get; set; } = string.Empty;

    /// <summary>Always <c>24h</c>.</summary>
    public string CompletionWindow { get; set; } = string.Empty;

    /// <summary>One of <see cref="BatchStatus"/>.</summary>
    public string Status { get; set; } = BatchStatus.Validating;

    /// <summary>The caller's metadata (JSON object of strings), or null.</summary>
    public string? Metadata { get; set; }

    /// <summary>The URL called when it ends (the key's default webhook), or null.</summary>
    public string? Webhook { get; set; }

    /// <summary>Input-file errors (JSON array of <see cref="BatchError"/>), when it failed validation.</summary>
    public string? Errors { get; set; }

    /// <summary>Lines in the input.</summary>
    public int Total { get; set; }

    /// <summary>Lines answered 2xx.</summary>
    public int Completed { get; set; }

    /// <summary>Lines that failed (an error answer, or not run).</summary>
    public int Failed { get; set; }

    /// <summary>The output file (answered lines), once ended.</summary>
    public string? OutputFileId { get; set; }

    /// <summary>The error file (failed lines), once ended with any.</summary>
    public string? ErrorFileId { get; set; }

    /// <summary>Set by a cancel request.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When its window ends.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When validation passed.</summary>
    public DateTimeOffset? InProgressAt { get; set; }

    /// <summary>When it began writing its output.</summary>
    public DateTimeOffset? FinalizingAt { get; set; }

    /// <summary>When it ended: completed, failed, expired or cancelled (<see cref="Status"/> says which).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When a cancel was asked for.</summary>
    public DateTimeOffset? CancellingAt { get; set; }
}
