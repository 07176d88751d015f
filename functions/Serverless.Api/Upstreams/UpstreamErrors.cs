using Serverless.Api.Catalog;
using Serverless.Api.Relay;
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

    public static ApiError Unavailable { get; } = new(503, new OpenAIError(
        "The model's provider is unavailable or busy. Please retry shortly.", ErrorTypes.Server, null, "upstream_unavailable"));

    public static ApiError Failed { get; } = new(502, new OpenAIError(
        "The model's provider failed to process the request.", ErrorTypes.Server, null, "upstream_error"));

    public static ApiError TimedOut { get; } = new(504, new OpenAIError(
        "The model's provider did not answer in time.", ErrorTypes.Server, null, "upstream_timeout"));

    /// <summary>
    /// The error a failed try of <paramref name="deployment"/> answers with when nothing after it does: the worker's
    /// codes for the operator's own workers, the <c>upstream_*</c> ones for a hosted provider, so a caller and an
    /// operator can tell a GPU outage from a provider's.
    /// </summary>
    public static ApiError Of(Deployment deployment, ApiError workerError) => deployment.Kind != DeploymentKind.OpenAI
        ? workerError
        : workerError == WorkerErrors.TimedOut ? TimedOut : workerError == WorkerErrors.Failed ? Failed : Unavailable;
}
