namespace Serverless.Api.Files;

/// <summary>A page of files, newest first, in OpenAI's list shape.</summary>
/// <param name="Data">The files.</param>
/// <param name="FirstId">The first file's id.</param>
/// <param name="LastId">The last file's id; pass it as <c>after</c> for the next page.</param>
/// <param name="HasMore">Whether another page follows.</param>
public sealed record FileList(IReadOnlyList<FileObject> Data, string? FirstId, string? LastId, bool HasMore)
{
    /// <summary>The object type.</summary>
    public string Object => "list";
}
