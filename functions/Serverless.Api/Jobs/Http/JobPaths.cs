using Serverless.Api.Routing;

namespace Serverless.Api.Jobs.Http;

/// <summary>The job paths: the id in them, the status URL made from them.</summary>
internal static class JobPaths
{
    private const string Prefix = "/v1/async/completions/";

    /// <summary>The <c>{id}</c> of <c>/v1/async/completions/{id}</c> or <c>.../{id}/cancel</c>.</summary>
    public static string JobId(string path) => PathIds.After(path, Prefix);

    /// <summary>The status URL of a job, on the host the request came to.</summary>
    public static string StatusUrl(Microsoft.AspNetCore.Http.HttpRequest request, string id) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}{id}";
}
