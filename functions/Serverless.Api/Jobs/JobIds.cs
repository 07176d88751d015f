using Serverless.Api.Storage;

namespace Serverless.Api.Jobs;

/// <summary>Job ids: <c>job_</c> and a <see cref="NewestFirstIds"/> id.</summary>
internal static class JobIds
{
    private const string Prefix = "job_";

    /// <summary>A new id for a job created at <paramref name="created"/>.</summary>
    public static string New(DateTimeOffset created) => NewestFirstIds.New(Prefix, created);

    /// <summary>Whether <paramref name="id"/> has the shape of a job id.</summary>
    public static bool IsWellFormed(string? id) => NewestFirstIds.IsWellFormed(id, Prefix);
}
