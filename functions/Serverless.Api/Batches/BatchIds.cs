using System.Globalization;
using System.Security.Cryptography;

namespace Serverless.Api.Batches;

/// <summary>
/// Batch ids that sort newest first and cannot be guessed (<c>batch_</c>, the inverted creation time in ticks, 64
/// random bits), and the ids of a batch's chunks (the batch id and the chunk's first line).
/// </summary>
internal static class BatchIds
{
    private const string Prefix = "batch_";

    /// <summary>A new id for a batch created at <paramref name="created"/>.</summary>
    public static string New(DateTimeOffset created) =>
        Prefix + (DateTimeOffset.MaxValue.UtcTicks - created.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether <paramref name="id"/> has the shape of a batch id.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 41 } && id.StartsWith(Prefix, StringComparison.Ordinal) && !id.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef");
}
