using System.Globalization;
using Microsoft.AspNetCore.Http;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Versioning;

/// <summary>
/// The dated versions of the API under <c>/v1</c>: a caller may name one with the <c>api-version</c> query parameter
/// or the <c>X-API-Version</c> header, and every answer says in <c>x-api-version</c> which one served it.
/// </summary>
public static class ApiVersions
{
    /// <summary>The query parameter that names a version.</summary>
    public const string QueryParameter = "api-version";

    /// <summary>The request header that names a version, and the response header that says which one served.</summary>
    public const string Header = "x-api-version";

    /// <summary>How callers see the header written in the documentation and in error messages.</summary>
    public const string HeaderDisplayName = "X-API-Version";

    private const string Format = "yyyy-MM-dd";

    /// <summary>Every version served, oldest first; the last is the current one. A new version is one more line.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "2026-12-01",
    ];

    /// <summary>The version that serves a request that names none.</summary>
    public static string Current => Supported[^1];

    /// <summary>
    /// The version <paramref name="request"/> asks for (the current one when it names none), or the 400 to answer:
    /// a value that is not a date, a date that is not a version, or a query and a header that disagree.
    /// </summary>
    public static (string Version, ApiError? Error) Resolve(HttpRequest request)
    {
        var query = request.Query[QueryParameter];
        var header = request.Headers[Header];
        if (query.Count > 1 || header.Count > 1)
        {
            var name = query.Count > 1 ? QueryParameter : HeaderDisplayName;
            return (Current, ApiError.InvalidParameter(name, $"Send {name} once.", "invalid_api_version"));
        }

        var (fromQuery, fromHeader) = (query.ToString(), header.ToString());
        if (fromQuery.Length > 0 && fromHeader.Length > 0 && fromQuery != fromHeader)
        {
            return (Current, ApiError.InvalidParameter(
                QueryParameter, $"The {QueryParameter} query parameter ('{fromQuery}') and the {HeaderDisplayName} header ('{fromHeader}') name different versions.", "invalid_api_version"));
        }

        var (asked, parameter) = fromQuery.Length > 0 ? (fromQuery, QueryParameter) : (fromHeader, HeaderDisplayName);
        if (asked.Length == 0)
        {
            return (Current, null);
        }

        if (!DateOnly.TryParseExact(asked, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return (Current, ApiError.InvalidParameter(
                parameter, $"Invalid {parameter} '{Shorten(asked)}': a version is a date such as {Current}.", "invalid_api_version"));
        }

        return Supported.Contains(asked)
            ? (asked, null)
            : (Current, ApiError.InvalidParameter(
                parameter, $"Unsupported {parameter} '{asked}'. Supported versions: {string.Join(", ", Supported)}.", "unsupported_api_version"));
    }

    // A caller's value goes back in the message: bounded, like anything echoed.
    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
