using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;

namespace Serverless.Api.Versioning;

/// <summary>
/// The deprecation table and the headers it puts on answers: a deprecated route, or a request that sends a deprecated
/// parameter, is answered with <c>Deprecation</c> (RFC 9745), <c>Sunset</c> (RFC 8594) when a date is set, and a
/// <c>Link</c> with <c>rel="deprecation"</c> to the changelog entry.
/// </summary>
public sealed class Deprecations(IEnumerable<Deprecation> entries)
{
    /// <summary>What this deployment has deprecated: nothing yet. An entry is one line, and goes in CHANGELOG.md too.</summary>
    public static IReadOnlyList<Deprecation> Table { get; } = [];

    private readonly ILookup<string, Deprecation> byRoute = entries.ToLookup(e => e.Route, StringComparer.Ordinal);

    /// <summary>The entries of the route named <paramref name="route"/>.</summary>
    public IEnumerable<Deprecation> Of(string route) => byRoute[route];

    /// <summary>Whether the route named <paramref name="route"/> has a deprecated body parameter (worth looking at the body for).</summary>
    public bool HasBodyParameters(string route) => byRoute[route].Any(e => e.Parameter is not null);

    /// <summary>Writes the headers for the route itself and for the deprecated query parameters the request sends.</summary>
    public void ApplyToRequest(HttpContext context, ApiRoute route)
    {
        var query = context.Request.Query;
        Write(context.Response, byRoute[route.Name].Where(e => e.Parameter is null || query.ContainsKey(e.Parameter)));
    }

    /// <summary>Writes the headers for the deprecated top-level fields that <paramref name="body"/> sends (a null field counts as not sent).</summary>
    public void ApplyToBody(HttpContext context, ApiRoute route, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Write(context.Response, byRoute[route.Name].Where(e =>
            e.Parameter is not null && body.TryGetProperty(e.Parameter, out var value) && value.ValueKind != JsonValueKind.Null));
    }

    /// <summary>Adds <paramref name="applying"/> to the headers already written: the earliest dates win, every link is kept.</summary>
    private static void Write(HttpResponse response, IEnumerable<Deprecation> applying)
    {
        foreach (var entry in applying)
        {
            if (response.HasStarted)
            {
                return;
            }

            var headers = response.Headers;
            var deprecated = entry.DeprecatedAt.ToUnixTimeSeconds();
            if (!TryReadDeprecation(headers["Deprecation"].ToString(), out var earlier) || deprecated < earlier)
            {
                headers["Deprecation"] = "@" + deprecated.ToString(CultureInfo.InvariantCulture);
            }

            if (entry.SunsetAt is { } sunset
                && (!DateTimeOffset.TryParseExact(headers["Sunset"].ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var set) || sunset < set))
            {
                headers["Sunset"] = sunset.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
            }

            var link = $"<{entry.Link.AbsoluteUri}>; rel=\"deprecation\"; type=\"text/html\"";
            if (!headers.Link.Any(l => l == link))
            {
                headers.Append("Link", link);
            }
        }
    }

    private static bool TryReadDeprecation(string value, out long seconds)
    {
        seconds = 0;
        return value.StartsWith('@') && long.TryParse(value.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds);
    }
}
