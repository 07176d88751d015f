using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Catalog;
using Serverless.Api.Routing;
using Serverless.Api.Relay;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Models;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Models;

/// <summary><c>GET /v1/models</c>: the catalog's models, then those the worker reports that the catalog does not name.</summary>
internal sealed class ListModelsHandler(ModelRegistry registry, ModelCatalog catalog) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var catalogModels = (await catalog.GetAsync(context.RequestAborted)).Models.Select(m => m.ToModel()).ToArray();
        var models = await registry.ListAsync(context.RequestAborted);
        if (catalogModels.Length > 0)
        {
            var workerModels = models?.Data.Where(m => !catalogModels.Any(c => c.Id == m.Id)) ?? [];
            models = new ModelList([.. catalogModels, .. workerModels]);
        }

        if (models is not null && caller.Models is not null)
        {
            models = models with { Data = models.Data.Where(m => caller.MayUse(m.Id)).ToArray() };
        }

        await (models is null
            ? OpenAIResponses.WriteErrorAsync(context.Response, WorkerErrors.Unavailable)
            : OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, models, OpenAIJsonContext.Default.ModelList));
    }
}
