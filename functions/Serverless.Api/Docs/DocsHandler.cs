using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.Api.WebAssets;
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
    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var name = PathIds.After(request.Path.Value ?? string.Empty, "/" + ApiRoutes.Docs + "/");
        if ((name.Length == 0 ? DocsAssets.Find(DocsAssets.Page) : DocsAssets.Find(name)) is not { } asset)
        {
            return OpenAIResponses.WriteErrorAsync(context.Response, ApiError.RouteNotFound(request.Method, request.Path.Value ?? "/"));
        }

        return EmbeddedAssetResponse.WriteAsync(context, asset, immutable: request.Query["v"] == asset.Hash, isPage: name.Length == 0);
    }
}
