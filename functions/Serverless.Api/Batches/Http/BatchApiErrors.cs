using Serverless.OpenAI.Errors;

namespace Serverless.Api.Batches.Http;

/// <summary>The Batch API's expected failures.</summary>
internal static class BatchApiErrors
{
    /// <summary>404 for an id that does not exist or belongs to another owner (the two look the same).</summary>
    public static ApiError NotFound(string id) =>
        new(404, new OpenAIError($"No batch found with id '{id}'.", ErrorTypes.InvalidRequest, "batch_id", "batch_not_found"));

    /// <summary>400 for an endpoint a batch cannot call.</summary>
    public static ApiError BadEndpoint(string? endpoint) => ApiError.InvalidParameter(
        "endpoint", $"'{endpoint}' is not supported; a batch calls /v1/chat/completions, /v1/completions or /v1/embeddings.");

    /// <summary>400 for a completion window other than 24h.</summary>
    public static ApiError BadWindow(string? window) =>
        ApiError.InvalidParameter("completion_window", $"'{window}' is not supported; the completion window is 24h.");

    /// <summary>400 for an input file that is missing, another owner's, or not a batch input.</summary>
    public static ApiError BadInputFile(string? id) =>
        ApiError.InvalidParameter("input_file_id", $"'{id}' is not a file of yours with purpose 'batch'.");

    /// <summary>400 for metadata over OpenAI's limits.</summary>
    public static ApiError BadMetadata { get; } =
        ApiError.InvalidParameter("metadata", "metadata takes at most 16 pairs, keys of up to 64 characters and values of up to 512.");

    /// <summary>403 for a caller without the scope of the endpoint its lines would call.</summary>
    public static ApiError MissingScope(string scope) => new(403, new OpenAIError(
        $"This key lacks the '{scope}' scope its lines would need.", "permission_error", "endpoint", "insufficient_scope"));
}
