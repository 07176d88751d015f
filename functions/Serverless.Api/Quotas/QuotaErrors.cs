using Serverless.OpenAI.Errors;

namespace Serverless.Api.Quotas;

/// <summary>The 429 answers: <c>rate_limit_exceeded</c> for a moment's limit, <c>insufficient_quota</c> for the day's.</summary>
internal static class QuotaErrors
{
    public static ApiError Exceeded(LimitKind kind, CounterDecision decision, int retryAfterSeconds)
    {
        var (used, limit, what) = kind switch
        {
            LimitKind.RequestsPerMinute => ("requests_per_min", "requests_limit_per_min", "requests per minute"),
            LimitKind.TokensPerMinute => ("tokens_per_min", "tokens_limit_per_min", "tokens per minute"),
            LimitKind.RequestsPerDay => ("requests_per_day", "requests_limit_per_day", "requests per day"),
            LimitKind.TokensPerDay => ("tokens_per_day", "tokens_limit_per_day", "tokens per day"),
            LimitKind.Concurrency => ("concurrent_requests", "concurrent_requests_limit", "concurrent requests"),
            _ => ("spend_per_day_micros", "budget_per_day_micros", "daily budget"),
        };
        var usage = new Dictionary<string, long> { [used] = decision.Used, [limit] = decision.Limit };
        var daily = QuotaWindows.IsDaily(kind);
        var message = daily
            ? $"You exceeded your quota of {what} ({decision.Limit}). It resets at 00:00 UTC; contact your administrator to raise it."
            : $"Rate limit reached: {decision.Limit} {what}. Please retry after {retryAfterSeconds} s or ask your administrator to raise the limit.";
        return new ApiError(429, new OpenAIError(
            message,
            daily ? "insufficient_quota" : kind is LimitKind.TokensPerMinute ? "tokens" : "requests",
            null,
            daily ? "insufficient_quota" : "rate_limit_exceeded",
            usage,
            retryAfterSeconds));
    }

    public static ApiError StorageUnavailable { get; } = new(503, new OpenAIError(
        "The service cannot check your quota right now, so the request was not admitted. Please retry shortly.",
        ErrorTypes.Server, null, "quota_unavailable"));
}
