using System.Globalization;
using Serverless.Api.Storage;

namespace Serverless.Api.Usage;

/// <summary>
/// The keys of usage rows. Records: partition = owner and UTC day (a batch holds one partition), row = request id.
/// Rollups: partition = owner, row = <c>yyyyMMdd:model</c>, so a date range is one partition range query.
/// </summary>
internal static class UsageKeys
{
    private const string DayFormat = "yyyyMMdd";

    /// <summary>The UTC day <paramref name="timestamp"/> is billed to.</summary>
    public static DateOnly DayOf(DateTimeOffset timestamp) => DateOnly.FromDateTime(timestamp.UtcDateTime);

    /// <summary>The key form of a day.</summary>
    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The day a rollup row key starts with.</summary>
    public static DateOnly DayOfRollupRow(string rowKey) =>
        DateOnly.ParseExact(rowKey.AsSpan(0, DayFormat.Length), DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The partition of an owner's records of a day.</summary>
    public static string RecordPartition(string owner, DateOnly day) => $"{TableKeys.Escape(owner)}:{Day(day)}";

    /// <summary>The row of a request's record.</summary>
    public static string RecordRow(string requestId) => TableKeys.Escape(requestId);

    /// <summary>The row of a different request that reused a request id (a client chooses its <c>x-request-id</c>).</summary>
    public static string ReusedIdRow(string requestId, string contentHash) => $"{RecordRow(requestId)}~{contentHash[..16]}";

    /// <summary>
    /// The owner name under which every owner's usage is summed as well (<c>GET /v1/usage?owner=*</c>, admins): no
    /// owner can be named so, since owner names are letters, digits and <c>- _ . @</c>.
    /// </summary>
    public const string AllOwners = "*";

    /// <summary>The rollup partition of <paramref name="owner"/>.</summary>
    public static string RollupPartition(string owner) => TableKeys.Escape(owner);

    /// <summary>The row of an owner's rollup of a model on a day.</summary>
    public static string RollupRow(DateOnly day, string model) => $"{Day(day)}:{TableKeys.Escape(model)}";
}
