using Serverless.OpenAI.Errors;

namespace Serverless.Api.Jobs.Http;

/// <summary>The job API's expected failures.</summary>
internal static class JobErrors
{
    /// <summary>404 for an id that does not exist or belongs to another owner (the two look the same).</summary>
    public static ApiError NotFound(string id) =>
        new(404, new OpenAIError($"No job found with id '{id}'.", ErrorTypes.InvalidRequest, "id", "job_not_found"));

    /// <summary>400 for a request asking to stream: a job's result is read whole.</summary>
    public static ApiError StreamNotSupported { get; } =
        ApiError.InvalidParameter("stream", "Async jobs cannot stream; poll the job or give a webhook.", "unsupported_parameter");

    /// <summary>How long a caller refused for having too many jobs is asked to wait: until one of them may have ended.</summary>
    public const int TooManyJobsRetryAfter = 5;

    /// <summary>429 for a key that already has as many jobs queued or running as it may.</summary>
    public static ApiError TooManyJobs(int active, int limit) => new(429, new OpenAIError(
        $"This key has {active} async jobs queued or running, the most it may have ({limit}). Wait for one to end or cancel one, or ask your administrator to raise max_jobs.",
        "requests",
        null,
        "rate_limit_exceeded",
        new Dictionary<string, long> { ["jobs_in_progress"] = active, ["jobs_limit"] = limit },
        TooManyJobsRetryAfter));

    /// <summary>400 for a timeout out of range.</summary>
    public static ApiError BadTimeout(TimeSpan max) =>
        ApiError.InvalidParameter("timeout_seconds", $"timeout_seconds must be between 1 and {(long)max.TotalSeconds}.");
}
