using Microsoft.AspNetCore.Http;
using Serverless.Inference;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Models;
using Serverless.OpenAI.Serialization;

namespace Serverless.Worker.Serving;

/// <summary><c>GET /v1/models</c>: the loaded models with their capabilities, context length and dimensions.</summary>
internal sealed class ModelsEndpoint(ModelCatalog catalog)
{
    private readonly ModelList models = new(catalog.Models.Select(ToWire).ToArray());

    public Task HandleAsync(HttpContext context) =>
        OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, models, OpenAIJsonContext.Default.ModelList);

    private static Model ToWire(ModelManifest manifest) => new(
        manifest.Id,
        manifest.Created,
        manifest.OwnedBy,
        manifest.Kind == ModelKind.Generation ? ModelCapabilities.Generation : ModelCapabilities.Embeddings,
        manifest.ContextLength,
        manifest.Dimensions);
}
