using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Quotas;

/// <summary>OpenAI's <c>x-ratelimit-*</c> headers, and <c>Retry-After</c> on a 429.</summary>
internal static class RateLimitHeaders
{
    public static void Write(HttpResponse response, RateLimitState state, DateTimeOffset now)
    {
        if (state.Requests is { } requests)
        {
            response.Headers["x-ratelimit-limit-requests"] = requests.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-requests"] = requests.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-requests"] = Duration(requests.Resets - now);
        }

        if (state.Tokens is { } tokens)
        {
            response.Headers["x-ratelimit-limit-tokens"] = tokens.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-tokens"] = tokens.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-tokens"] = Duration(tokens.Resets - now);
        }
    }

    public static void WriteRetryAfter(HttpResponse response, int seconds) =>
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>OpenAI's form: <c>6m0s</c>, <c>1.5s</c>, <c>20ms</c>.</summary>
    private static string Duration(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (span < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMilliseconds}ms");
        }

        return span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s");
    }
}
