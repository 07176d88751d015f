using Microsoft.AspNetCore.Http;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Admin;

/// <summary>Reads the optional <see cref="RotateRequest"/> body of a rotation: how long the replaced secret keeps working.</summary>
internal static class GracePeriod
{
    private const long MaxSeconds = 30L * 24 * 3600;
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>The grace period asked for, else <paramref name="fallback"/>; or the 4xx that refuses the body.</summary>
    public static async Task<(TimeSpan Grace, ApiError? Error)> ReadAsync(HttpRequest request, TimeSpan fallback)
    {
        if (request.ContentLength is not > 0)
        {
            return (fallback, null);
        }

        var parsed = await JsonBody.ReadAsync(request, AdminJsonContext.Default.RotateRequest, MaxBodyBytes);
        if (!parsed.Succeeded)
        {
            return (fallback, parsed.Error);
        }

        return parsed.Value.GracePeriodSeconds switch
        {
            null => (fallback, null),
            < 0 or > MaxSeconds => (fallback, ApiError.InvalidParameter("grace_period_seconds", "grace_period_seconds must be 0 to 30 days.")),
            { } seconds => (TimeSpan.FromSeconds(seconds), null),
        };
    }
}
