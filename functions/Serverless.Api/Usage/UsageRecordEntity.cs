using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Serverless.Api.Prices;

namespace Serverless.Api.Usage;

/// <summary>
/// The table row of one request's usage (see <see cref="UsageKeys"/>). <see cref="Writer"/> and
/// <see cref="WriteSeq"/> say which recorder wrote it, so a write that landed although its answer was lost is known
/// as this recorder's own on retry; <see cref="ContentHash"/> tells a resent record from a reused request id.
/// </summary>
internal sealed class UsageRecordEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string RequestId { get; set; } = string.Empty;

    public string KeyId { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public string Model { get; set; } = string.Empty;

    public string Endpoint { get; set; } = string.Empty;

    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }

    public long ComputeMs { get; set; }

    public int Status { get; set; }

    /// <summary>The cost as a decimal string (see <see cref="Money"/>).</summary>
    public string Cost { get; set; } = "0";

    /// <summary>When the request happened (<see cref="Timestamp"/> is storage's own).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public string Writer { get; set; } = string.Empty;

    public long WriteSeq { get; set; }

    public string ContentHash { get; set; } = string.Empty;

    /// <summary>The row for <paramref name="usage"/>, written by <paramref name="writer"/> as its write number <paramref name="seq"/>.</summary>
    public static UsageRecordEntity From(UsageEvent usage, string writer, long seq) => new()
    {
        PartitionKey = UsageKeys.RecordPartition(usage.Owner, UsageKeys.DayOf(usage.Timestamp)),
        RowKey = UsageKeys.RecordRow(usage.RequestId),
        RequestId = usage.RequestId,
        KeyId = usage.KeyId,
        Owner = usage.Owner,
        Model = usage.Model,
        Endpoint = usage.Endpoint,
        PromptTokens = usage.PromptTokens,
        CompletionTokens = usage.CompletionTokens,
        ComputeMs = usage.ComputeMs,
        Status = usage.Status,
        Cost = Money.Format(usage.Cost),
        OccurredAt = usage.Timestamp,
        Writer = writer,
        WriteSeq = seq,
        ContentHash = Hash(usage),
    };

    private static string Hash(UsageEvent u)
    {
        var canonical = string.Join(
            '\n',
            u.RequestId, u.KeyId, u.Owner, u.Model, u.Endpoint,
            u.PromptTokens.ToString(CultureInfo.InvariantCulture),
            u.CompletionTokens.ToString(CultureInfo.InvariantCulture),
            u.ComputeMs.ToString(CultureInfo.InvariantCulture),
            u.Status.ToString(CultureInfo.InvariantCulture),
            Money.Format(u.Cost),
            u.Timestamp.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];
    }
}
