using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.Api.Worker;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Models;

/// <summary><c>GET /v1/models</c>.</summary>
internal sealed class ListModelsHandler(ModelRegistry registry) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var models = await registry.ListAsync(context.RequestAborted);
        await (models is null
            ? OpenAIResponses.WriteErrorAsync(context.Response, WorkerErrors.Unavailable)
            : OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, models, OpenAIJsonContext.Default.ModelList));
    }
}
