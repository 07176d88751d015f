using Azure;
using Azure.Data.Tables;
using Serverless.Api.Prices;

namespace Serverless.Api.Usage;

/// <summary>
/// The table row of an owner's use of a model on a UTC day (see <see cref="UsageKeys"/>), merged by every
/// instance's flusher under ETags. <see cref="AppliedJson"/> holds, per writer, the last merge applied, so a merge
/// retried after it landed is not counted twice.
/// </summary>
internal sealed class UsageDailyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Owner { get; set; } = string.Empty;

    /// <summary>The model id as given (the row key is escaped).</summary>
    public string Model { get; set; } = string.Empty;

    public long PromptTokens { get; set; }

    public long CompletionTokens { get; set; }

    public long Requests { get; set; }

    public long ComputeMs { get; set; }

    /// <summary>Requests answered with an error after validation (0 in rows written before this was counted).</summary>
    public long Errors { get; set; }

    /// <summary>Requests refused with 429 (0 in rows written before this was counted).</summary>
    public long RateLimited { get; set; }

    /// <summary>Billable requests answered from the response cache (0 in rows written before this was counted).</summary>
    public long Cached { get; set; }

    /// <summary>The summed cost as a decimal string (see <see cref="Money"/>).</summary>
    public string Cost { get; set; } = "0";

    /// <summary>JSON map of writer id to its last applied merge (<see cref="AppliedMark"/>).</summary>
    public string AppliedJson { get; set; } = "{}";
}
