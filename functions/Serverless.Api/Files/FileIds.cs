using Serverless.Api.Storage;

namespace Serverless.Api.Files;

/// <summary>File ids: <c>file-</c> (OpenAI's prefix) and a <see cref="NewestFirstIds"/> id.</summary>
internal static class FileIds
{
    private const string Prefix = "file-";

    /// <summary>A new id for a file stored at <paramref name="created"/>.</summary>
    public static string New(DateTimeOffset created) => NewestFirstIds.New(Prefix, created);

    /// <summary>Whether <paramref name="id"/> has the shape of a file id.</summary>
    public static bool IsWellFormed(string? id) => NewestFirstIds.IsWellFormed(id, Prefix);
}
