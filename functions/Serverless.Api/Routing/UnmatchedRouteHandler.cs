using Microsoft.AspNetCore.Http;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Routing;

/// <summary>Answers paths no route serves: 405 when the path exists under other methods, 404 otherwise.</summary>
internal sealed class UnmatchedRouteHandler : IApiHandler
{
    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var known = RouteTemplates.Matching(request.Path);
        var error = known.Count > 0 && !known.Any(r => r.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
            ? ApiError.MethodNotAllowed(request.Method, path)
            : ApiError.RouteNotFound(request.Method, path);
        if (error.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = string.Join(", ", known.SelectMany(r => r.Methods).Distinct());
        }

        return OpenAIResponses.WriteErrorAsync(context.Response, error);
    }
}
