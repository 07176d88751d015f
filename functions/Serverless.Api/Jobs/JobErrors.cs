using Serverless.OpenAI.Errors;

namespace Serverless.Api.Jobs;

/// <summary>The job API's expected failures.</summary>
internal static class JobErrors
{
    /// <summary>404 for an id that does not exist or belongs to another owner (the two look the same).</summary>
    public static ApiError NotFound(string id) =>
        new(404, new OpenAIError($"No job found with id '{id}'.", ErrorTypes.InvalidRequest, "id", "job_not_found"));

    /// <summary>400 for a request asking to stream: a job's result is read whole.</summary>
    public static ApiError StreamNotSupported { get; } =
        ApiError.InvalidParameter("stream", "Async jobs cannot stream; poll the job or give a webhook.", "unsupported_parameter");

    /// <summary>400 for a timeout out of range.</summary>
    public static ApiError BadTimeout(TimeSpan max) =>
        ApiError.InvalidParameter("timeout_seconds", $"timeout_seconds must be between 1 and {(long)max.TotalSeconds}.");
}
