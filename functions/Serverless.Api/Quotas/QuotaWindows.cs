using System.Globalization;

namespace Serverless.Api.Quotas;

/// <summary>
/// Fixed windows: a limit counts within the current UTC minute or UTC day and starts afresh at its end. Fixed windows
/// make leases exact and cheap (a counter row just carries its window id); the price is that a client can spend two
/// windows' worth across a boundary, which the documentation states.
/// </summary>
public static class QuotaWindows
{
    /// <summary>The id of the window <paramref name="now"/> falls in, and when that window ends.</summary>
    public static (string Id, DateTimeOffset Ends) Of(LimitKind kind, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return kind switch
        {
            LimitKind.RequestsPerMinute or LimitKind.TokensPerMinute =>
                (utc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture), new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero).AddMinutes(1)),
            LimitKind.Concurrency => ("live", DateTimeOffset.MaxValue),
            _ => (utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture), new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1)),
        };
    }

    /// <summary>Whether the limit runs out for the day (<c>insufficient_quota</c>) rather than for a moment (<c>rate_limit_exceeded</c>).</summary>
    public static bool IsDaily(LimitKind kind) => kind is LimitKind.RequestsPerDay or LimitKind.TokensPerDay or LimitKind.BudgetPerDay;

    /// <summary>The short name used in storage and in <c>current_usage</c>.</summary>
    public static string Name(LimitKind kind) => kind switch
    {
        LimitKind.RequestsPerMinute => "rpm",
        LimitKind.TokensPerMinute => "tpm",
        LimitKind.RequestsPerDay => "rpd",
        LimitKind.TokensPerDay => "tpd",
        LimitKind.Concurrency => "concurrency",
        _ => "budget",
    };
}
