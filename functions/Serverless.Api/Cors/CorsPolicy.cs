using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Serverless.Api.Routing;

namespace Serverless.Api.Cors;

/// <summary>
/// Cross-origin calls from browsers: answers a preflight on any route of the table for an allowed origin (204, the
/// route's methods, the headers asked for) and marks actual answers for that origin, exposing the headers a client
/// reads (request id, rate limits, <c>Retry-After</c>, version and deprecation). Off unless origins are configured.
/// </summary>
public sealed class CorsPolicy(IOptions<CorsOptions> options)
{
    /// <summary>The setting that allows every origin.</summary>
    public const string AnyOrigin = "*";

    /// <summary>Request headers a preflight always allows, beyond the ones it is asked for.</summary>
    public static IReadOnlyList<string> AllowedHeaders { get; } = ["authorization", "content-type", "api-key", "x-api-version", "x-request-id"];

    /// <summary>Response headers a page's script may read.</summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } =
    [
        "x-request-id", "x-api-version",
        "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
        "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens",
        "retry-after", "deprecation", "sunset", "link", "server-timing",
    ];

    private static readonly string Exposed = string.Join(", ", ExposedHeaders);

    private readonly HashSet<string> origins = new(options.Value.Origins, StringComparer.OrdinalIgnoreCase);

    private readonly string maxAge = options.Value.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether any origin is allowed at all.</summary>
    public bool Enabled => origins.Count > 0;

    /// <summary>
    /// Marks the answer to an allowed origin's request, and answers it at once (204) if it is a preflight for a known
    /// route; true when the request is answered. Anything else goes on unchanged (a refused preflight meets the
    /// catch-all route's 404 or 405, and the browser blocks the call).
    /// </summary>
    public bool Apply(HttpContext context)
    {
        if (!Enabled)
        {
            return false;
        }

        var (request, response) = (context.Request, context.Response);
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        var origin = request.Headers.Origin.ToString();
        if (AllowedOriginValue(origin) is not { } allowed)
        {
            return false;
        }

        if (!IsPreflight(request))
        {
            response.Headers.AccessControlAllowOrigin = allowed;
            response.Headers.AccessControlExposeHeaders = Exposed;
            return false;
        }

        var routes = RouteTemplates.Matching(request.Path);
        if (routes.Count == 0)
        {
            return false;
        }

        response.Headers.AccessControlAllowOrigin = allowed;
        response.StatusCode = StatusCodes.Status204NoContent;
        response.Headers.Append(HeaderNames.Vary, $"{HeaderNames.AccessControlRequestMethod}, {HeaderNames.AccessControlRequestHeaders}");
        response.Headers.AccessControlAllowMethods = string.Join(", ", routes.SelectMany(r => r.Methods).Distinct(StringComparer.OrdinalIgnoreCase));
        response.Headers.AccessControlAllowHeaders = string.Join(", ", AllowedHeaders.Union(RequestedHeaders(request), StringComparer.OrdinalIgnoreCase));
        response.Headers.AccessControlMaxAge = maxAge;
        return true;
    }

    private string? AllowedOriginValue(string origin) =>
        origin.Length == 0 ? null
        : origins.Contains(AnyOrigin) ? AnyOrigin
        : origins.Contains(origin) ? origin
        : null;

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);

    /// <summary>The header names the browser asks for, lower-cased; anything that is not a header name is dropped.</summary>
    private static IEnumerable<string> RequestedHeaders(HttpRequest request) =>
        request.Headers.AccessControlRequestHeaders.ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(h => h.Length <= 64 && h.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            .Select(h => h.ToLowerInvariant());
}
