using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Routing;

/// <summary>Answers paths no route serves: 405 when the path exists under other methods, 404 otherwise.</summary>
internal sealed class UnmatchedRouteHandler : IApiHandler
{
    private readonly IReadOnlyList<(TemplateMatcher Matcher, ApiRoute Route)> routes = ApiRoutes.All
        .Where(r => r.Template != ApiRoutes.Unmatched)
        .Select(r => (new TemplateMatcher(TemplateParser.Parse(r.Template), new RouteValueDictionary()), r))
        .ToArray();

    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var known = routes.Where(r => r.Matcher.TryMatch(request.Path, new RouteValueDictionary())).ToArray();
        var error = known.Length > 0 && !known.Any(r => r.Route.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
            ? ApiError.MethodNotAllowed(request.Method, path)
            : ApiError.RouteNotFound(request.Method, path);
        if (error.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = string.Join(", ", known.SelectMany(r => r.Route.Methods).Distinct());
        }

        return OpenAIResponses.WriteErrorAsync(context.Response, error);
    }
}
