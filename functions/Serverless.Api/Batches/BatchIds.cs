using Serverless.Api.Storage;

namespace Serverless.Api.Batches;

/// <summary>Batch ids: <c>batch_</c> (OpenAI's prefix) and a <see cref="NewestFirstIds"/> id.</summary>
internal static class BatchIds
{
    private const string Prefix = "batch_";

    /// <summary>A new id for a batch created at <paramref name="created"/>.</summary>
    public static string New(DateTimeOffset created) => NewestFirstIds.New(Prefix, created);

    /// <summary>Whether <paramref name="id"/> has the shape of a batch id.</summary>
    public static bool IsWellFormed(string? id) => NewestFirstIds.IsWellFormed(id, Prefix);
}
