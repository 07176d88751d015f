using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Catalog;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Models;

/// <summary><c>GET /v1/models/{id}</c>: a catalog model by id or alias, else a model the worker reports.</summary>
internal sealed class GetModelHandler(ModelRegistry registry, ModelCatalog catalog) : IApiHandler
{
    private const string Prefix = "/v1/models/";

    public async Task HandleAsync(HttpContext context)
    {
        // Read the id from the path rather than route values: the Functions host and the local host fill those differently.
        var id = Uri.UnescapeDataString(context.Request.Path.Value![Prefix.Length..]);
        // A model outside the key's list is answered as if it did not exist.
        var caller = context.Features.GetRequiredFeature<Caller>();
        var entry = (await catalog.GetAsync(context.RequestAborted)).Find(id);
        var (model, error) = entry is not null && (caller.MayUse(id) || caller.MayUse(entry.Id))
            ? (entry.ToModel(), null)
            : caller.MayUse(id)
                ? await registry.ResolveAsync(id, _ => true, "this", context.RequestAborted)
                : (null, ApiError.ModelNotFound(id));
        await (error is not null
            ? OpenAIResponses.WriteErrorAsync(context.Response, error)
            : OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, model!, OpenAIJsonContext.Default.Model));
    }
}
