using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Serverless.Api.WebAssets;

/// <summary>Answers a request with an <see cref="EmbeddedAsset"/>: gzip when the client takes it, an ETag and a 304 when it matches.</summary>
internal static class EmbeddedAssetResponse
{
    /// <summary>
    /// What a page of this API may load: only this origin's scripts, styles and calls; no inline script or style, no
    /// eval, no frames, no forms posted anywhere. <c>data:</c> images are icons that stylesheets carry inline as SVG.
    /// </summary>
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>
    /// Writes <paramref name="asset"/>: cacheable for a year when <paramref name="immutable"/> (its URL names its
    /// version), otherwise revalidated on each use. A page (<paramref name="isPage"/>) gets <see cref="PagePolicy"/>
    /// and sends no referrer.
    /// </summary>
    public static Task WriteAsync(HttpContext context, EmbeddedAsset asset, bool immutable, bool isPage)
    {
        var (request, response) = (context.Request, context.Response);
        var gzip = asset.Gzipped is not null && AcceptsGzip(request);
        var etag = gzip ? asset.GzipETag : asset.ETag;
        response.Headers.ETag = etag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.CacheControl = immutable ? Immutable : "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (isPage)
        {
            response.Headers.ContentSecurityPolicy = PagePolicy;
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
