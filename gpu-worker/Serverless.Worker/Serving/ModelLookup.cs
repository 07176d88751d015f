using Serverless.Inference;
using Serverless.OpenAI.Errors;

namespace Serverless.Worker.Serving;

/// <summary>Finds a loaded model of the kind a route needs, or the OpenAI error that says why not.</summary>
internal static class ModelLookup
{
    public static (GenerationModel? Model, ApiError? Error) Generation(ModelCatalog catalog, string id, string endpoint) =>
        catalog.TryGetGeneration(id, out var model) ? (model, null) : (null, Missing(catalog, id, endpoint));

    public static (EmbeddingModel? Model, ApiError? Error) Embedding(ModelCatalog catalog, string id) =>
        catalog.TryGetEmbedding(id, out var model) ? (model, null) : (null, Missing(catalog, id, "embeddings"));

    private static ApiError Missing(ModelCatalog catalog, string id, string endpoint) =>
        catalog.Models.Any(m => m.Id == id)
            ? ApiError.InvalidParameter("model", $"The model '{id}' does not support {endpoint}.", "model_not_supported")
            : ApiError.ModelNotFound(id);
}
