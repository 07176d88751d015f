using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.Api.Relay;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Models;

/// <summary><c>GET /v1/models</c>.</summary>
internal sealed class ListModelsHandler(ModelRegistry registry) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var models = await registry.ListAsync(context.RequestAborted);
        if (models is not null && caller.Models is not null)
        {
            models = models with { Data = models.Data.Where(m => caller.MayUse(m.Id)).ToArray() };
        }

        await (models is null
            ? OpenAIResponses.WriteErrorAsync(context.Response, WorkerErrors.Unavailable)
            : OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, models, OpenAIJsonContext.Default.ModelList));
    }
}
