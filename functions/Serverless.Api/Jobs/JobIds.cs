using System.Globalization;
using System.Security.Cryptography;

namespace Serverless.Api.Jobs;

/// <summary>
/// Job ids that sort newest first as strings (so a partition's rows come back in list order) and cannot be guessed:
/// <c>job_</c>, the inverted creation time in ticks, and 64 random bits.
/// </summary>
internal static class JobIds
{
    /// <summary>A new id for a job created at <paramref name="created"/>.</summary>
    public static string New(DateTimeOffset created) =>
        "job_" + (DateTimeOffset.MaxValue.UtcTicks - created.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether <paramref name="id"/> has the shape of a job id (anything else is a 404 without a storage call).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 39 } && id.StartsWith("job_", StringComparison.Ordinal) && id.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;
}
