using System.Globalization;
using System.Security.Cryptography;

namespace Serverless.Api.Files;

/// <summary>
/// File ids that sort newest first (so an owner's list is one partition read in order) and cannot be guessed:
/// <c>file-</c>, the inverted creation time in ticks, and 64 random bits.
/// </summary>
internal static class FileIds
{
    private const string Prefix = "file-";

    /// <summary>A new id for a file stored at <paramref name="created"/>.</summary>
    public static string New(DateTimeOffset created) =>
        Prefix + (DateTimeOffset.MaxValue.UtcTicks - created.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether <paramref name="id"/> has the shape of a file id (anything else is a 404 without a storage call).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 40 } && id.StartsWith(Prefix, StringComparison.Ordinal) && !id.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef");
}
