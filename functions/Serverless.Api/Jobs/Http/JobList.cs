namespace Serverless.Api.Jobs.Http;

/// <summary>A page of jobs, newest first, in OpenAI's list shape; pass <see cref="LastId"/> as <c>after</c> for the next.</summary>
/// <param name="Data">The jobs.</param>
/// <param name="FirstId">The first job's id.</param>
/// <param name="LastId">The last job's id.</param>
/// <param name="HasMore">Whether another page follows.</param>
public sealed record JobList(IReadOnlyList<JobObject> Data, string? FirstId, string? LastId, bool HasMore)
{
    /// <summary>The object type.</summary>
    public string Object => "list";
}
