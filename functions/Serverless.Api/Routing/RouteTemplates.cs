using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Serverless.Api.Routing;

/// <summary>Which routes of the table a path belongs to, whatever the method: for 405s and for CORS preflights.</summary>
internal static class RouteTemplates
{
    private static readonly IReadOnlyList<(TemplateMatcher Matcher, ApiRoute Route)> Routes = ApiRoutes.All
        .Where(r => r.Template != ApiRoutes.Unmatched)
        .Select(r => (new TemplateMatcher(TemplateParser.Parse(r.Template), new RouteValueDictionary()), r))
        .ToArray();

    /// <summary>The routes whose template matches <paramref name="path"/> (the catch-all never does).</summary>
    public static IReadOnlyList<ApiRoute> Matching(PathString path) =>
        Routes.Where(r => r.Matcher.TryMatch(path, new RouteValueDictionary())).Select(r => r.Route).ToArray();
}
