using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Docs;

/// <summary>
/// <c>GET /docs</c> and <c>GET /docs/{asset}</c>: Swagger UI on <c>/openapi/v1.json</c>, anonymously, from files
/// embedded in this assembly (no CDN). Assets answer with an ETag (304 when it matches) and, when asked for by the
/// hash the page names them with, may be cached for a year.
/// </summary>
internal sealed class DocsHandler : IApiHandler
{
    /// <summary>
    /// Only this origin's scripts, styles and calls; no inline script or style, no eval, no frames, no forms posted
    /// anywhere. <c>data:</c> images are Swagger UI's icons, which its stylesheet carries inline as SVG.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Immutable = "public, max-age=31536000, immutable";

    public Task HandleAsync(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        var name = PathIds.After(request.Path.Value ?? string.Empty, "/" + ApiRoutes.Docs + "/");
        if ((name.Length == 0 ? DocsAssets.Find(DocsAssets.Page) : DocsAssets.Find(name)) is not { } asset)
        {
            return OpenAIResponses.WriteErrorAsync(response, ApiError.RouteNotFound(request.Method, request.Path.Value ?? "/"));
        }

        var gzip = asset.Gzipped is not null && AcceptsGzip(request);
        var etag = gzip ? asset.GzipETag : asset.ETag;
        response.Headers.ETag = etag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.CacheControl = request.Query["v"] == asset.Hash ? Immutable : "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (name.Length == 0)
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers["Referrer-Policy"] = "no-referrer";
        }

        if (request.Headers.IfNoneMatch.Any(value => value is not null && value.Contains(etag, StringComparison.Ordinal)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var body = gzip ? asset.Gzipped! : asset.Content;
        response.ContentType = asset.ContentType;
        response.ContentLength = body.Length;
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is null or > 0.0);
}
