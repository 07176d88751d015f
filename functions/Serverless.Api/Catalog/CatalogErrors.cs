using Serverless.OpenAI.Errors;

namespace Serverless.Api.Catalog;

/// <summary>The OpenAI-shaped answers of the catalog's admin API.</summary>
internal static class CatalogErrors
{
    public static ApiError NotFound(string id) => new(404, new OpenAIError(
        $"The catalog has no model '{id}'.", ErrorTypes.InvalidRequest, "id", "model_not_found"));

    public static ApiError ChangedConcurrently(string id) => new(409, new OpenAIError(
        $"The catalog changed while '{id}' was being written; read it again and retry.", ErrorTypes.InvalidRequest, "id", "conflict"));

    public static ApiError StillAFallback(string id, string dependent) => new(409, new OpenAIError(
        $"The model '{dependent}' names '{id}' as a fallback; remove it there first.", ErrorTypes.InvalidRequest, "id", "model_in_use"));
}
