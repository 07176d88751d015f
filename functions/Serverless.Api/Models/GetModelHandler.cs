using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Models;

/// <summary><c>GET /v1/models/{id}</c>.</summary>
internal sealed class GetModelHandler(ModelRegistry registry) : IApiHandler
{
    private const string Prefix = "/v1/models/";

    public async Task HandleAsync(HttpContext context)
    {
        // Read the id from the path rather than route values: the Functions host and the local host fill those differently.
        var id = Uri.UnescapeDataString(context.Request.Path.Value![Prefix.Length..]);
        // A model outside the key's list is answered as if it did not exist.
        var caller = context.Features.GetRequiredFeature<Caller>();
        var (model, error) = caller.MayUse(id)
            ? await registry.ResolveAsync(id, _ => true, "this", context.RequestAborted)
            : (null, ApiError.ModelNotFound(id));
        await (error is not null
            ? OpenAIResponses.WriteErrorAsync(context.Response, error)
            : OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, model!, OpenAIJsonContext.Default.Model));
    }
}
