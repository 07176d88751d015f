namespace Serverless.Client.Jobs;

/// <summary>A page of the caller's jobs, newest first; pass <see cref="LastId"/> as <c>after</c> for the next page.</summary>
/// <param name="Data">The jobs (without results or webhook calls: get a job for those).</param>
/// <param name="FirstId">The first job's id.</param>
/// <param name="LastId">The last job's id.</param>
/// <param name="HasMore">Whether another page follows.</param>
public sealed record AsyncJobList(IReadOnlyList<AsyncJob> Data, string? FirstId, string? LastId, bool HasMore)
{
    /// <summary>The object type: <c>list</c>.</summary>
    public string Object { get; init; } = "list";
}
