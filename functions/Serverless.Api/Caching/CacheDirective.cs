using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Serverless.Api.Caching;

/// <summary>
/// What a request lets the response cache do, from its <c>Cache-Control</c> header: <c>no-cache</c> asks for a
/// freshly generated answer (which is then kept), <c>no-store</c> for one neither served from nor kept in the cache.
/// </summary>
internal readonly record struct CacheDirective(bool MayRead, bool MayWrite)
{
    /// <summary>Reading and writing allowed: a request that says nothing.</summary>
    public static readonly CacheDirective Default = new(true, true);

    /// <summary>The directive of <paramref name="request"/>.</summary>
    public static CacheDirective Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.CacheControl;
        if (values.Count == 0 || !CacheControlHeaderValue.TryParse(values.ToString(), out var header) || header is null)
        {
            return Default;
        }

        return new CacheDirective(!header.NoCache && !header.NoStore, !header.NoStore);
    }
}
