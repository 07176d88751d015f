using Serverless.Api.Routing;

namespace Serverless.Api.Files;

/// <summary>The id in file paths.</summary>
internal static class FilePaths
{
    private const string Prefix = "/v1/files/";

    /// <summary>The <c>{id}</c> of <c>/v1/files/{id}</c> or <c>.../{id}/content</c>.</summary>
    public static string FileId(string path) => PathIds.After(path, Prefix);
}
