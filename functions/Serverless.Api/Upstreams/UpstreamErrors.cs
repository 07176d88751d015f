using Serverless.OpenAI.Errors;

namespace Serverless.Api.Upstreams;

/// <summary>The OpenAI-shaped answers for routed requests; an upstream's own error body is never shown.</summary>
internal static class UpstreamErrors
{
    public static ApiError NoDeployment(string model) => new(503, new OpenAIError(
        $"No deployment of the model '{model}' or its fallbacks can take the request now. Please retry shortly.", ErrorTypes.Server, null, "worker_unavailable"));

    public static ApiError Refused { get; } = new(400, new OpenAIError(
        "The model's provider refused the request as invalid.", ErrorTypes.InvalidRequest, null, "upstream_invalid_request"));

    public static ApiError Rejected { get; } = new(502, new OpenAIError(
        "The model's provider rejected the request.", ErrorTypes.Server, null, "upstream_error"));
}
