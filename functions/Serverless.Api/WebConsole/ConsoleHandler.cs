using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.Api.WebAssets;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.WebConsole;

/// <summary>
/// <c>GET /console</c> and <c>GET /console/assets/{asset}</c>: the web console, anonymously (the page asks for a key
/// and calls the public API with it; nothing here is behind a key). The page is revalidated on each visit; its
/// assets are named by their hash, so a browser may keep them for a year.
/// </summary>
internal sealed class ConsoleHandler : IApiHandler
{
    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var name = PathIds.After(path, "/" + ApiRoutes.Console + "/assets/");
        if (name.Length == 0)
        {
            return EmbeddedAssetResponse.WriteAsync(context, ConsoleAssets.Page, immutable: false, isPage: true);
        }

        return ConsoleAssets.Find(name) is { } asset
            ? EmbeddedAssetResponse.WriteAsync(context, asset, immutable: true, isPage: false)
            : OpenAIResponses.WriteErrorAsync(context.Response, ApiError.RouteNotFound(request.Method, path));
    }
}
