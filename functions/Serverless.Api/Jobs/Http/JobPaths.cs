namespace Serverless.Api.Jobs.Http;

/// <summary>Reads the job id out of job paths; both hosts fill route values differently, the path is the same.</summary>
internal static class JobPaths
{
    private const string Prefix = "/v1/async/completions/";

    /// <summary>The <c>{id}</c> of <c>/v1/async/completions/{id}</c> or <c>.../{id}/cancel</c>.</summary>
    public static string JobId(string path)
    {
        var rest = path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? path[Prefix.Length..] : string.Empty;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
    }

    /// <summary>The status URL of a job, on the host the request came to.</summary>
    public static string StatusUrl(Microsoft.AspNetCore.Http.HttpRequest request, string id) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}{id}";
}
