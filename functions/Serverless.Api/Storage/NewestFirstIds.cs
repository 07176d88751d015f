using System.Globalization;
using System.Security.Cryptography;

namespace Serverless.Api.Storage;

/// <summary>
/// Ids that sort newest first as strings (so a partition's rows come back in list order) and cannot be guessed: a
/// prefix, the inverted creation time in ticks, and 64 random bits. Jobs, files and batches take theirs from here.
/// </summary>
internal static class NewestFirstIds
{
    private const int Digits = 19 + 16;

    /// <summary>A new id with <paramref name="prefix"/> for something created at <paramref name="created"/>.</summary>
    public static string New(string prefix, DateTimeOffset created) =>
        prefix + (DateTimeOffset.MaxValue.UtcTicks - created.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether <paramref name="id"/> has the shape of an id with <paramref name="prefix"/> (anything else is a 404 without a storage call).</summary>
    public static bool IsWellFormed(string? id, string prefix) =>
        id is not null && id.Length == prefix.Length + Digits && id.StartsWith(prefix, StringComparison.Ordinal)
        && !id.AsSpan(prefix.Length).ContainsAnyExcept("0123456789abcdef");
}
