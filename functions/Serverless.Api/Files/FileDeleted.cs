namespace Serverless.Api.Files;

/// <summary>The answer to a file's deletion.</summary>
/// <param name="Id">The file id.</param>
/// <param name="Deleted">Whether it was deleted.</param>
public sealed record FileDeleted(string Id, bool Deleted)
{
    /// <summary>The object type.</summary>
    public string Object => "file";
}
