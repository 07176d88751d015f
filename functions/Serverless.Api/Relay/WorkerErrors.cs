using Serverless.OpenAI.Errors;

namespace Serverless.Api.Relay;

/// <summary>The OpenAI-shaped answers for a worker that cannot be reached, fails or is too slow.</summary>
internal static class WorkerErrors
{
    public static ApiError Unavailable { get; } =
        new(503, new OpenAIError("The model worker is unavailable. Please retry shortly.", ErrorTypes.Server, null, "worker_unavailable"));

    public static ApiError Failed { get; } =
        new(502, new OpenAIError("The model worker failed to process the request.", ErrorTypes.Server, null, "worker_error"));

    public static ApiError TimedOut { get; } =
        new(504, new OpenAIError("The model worker did not answer in time. Use the async API for long generations.", ErrorTypes.Server, null, "worker_timeout"));
}
