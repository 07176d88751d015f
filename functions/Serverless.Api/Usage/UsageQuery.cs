using System.Globalization;
using Serverless.Api.Auth;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Usage;

/// <summary>What a usage request asks for: UTC days <see cref="From"/> to <see cref="To"/> (inclusive), grouped by <see cref="GroupBy"/>.</summary>
internal sealed record UsageQuery(DateOnly From, DateOnly To, UsageGrouping GroupBy)
{
    /// <summary>The longest range one request may read; a year of rollups is one partition range query.</summary>
    public const int MaxDays = 366;

    /// <summary>The range when none is given: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    private static readonly DateOnly Earliest = new(1970, 1, 1);
    private static readonly DateOnly Latest = new(9998, 12, 31);

    /// <summary>
    /// <c>GET /v1/usage</c>: <c>start</c> and <c>end</c> as Unix seconds or <c>YYYY-MM-DD</c>. A date is a whole UTC
    /// day, included at either end; Unix seconds are instants, <c>start</c> included and <c>end</c> excluded (as in
    /// OpenAI's usage API), widened to the UTC days they touch because rollups are daily.
    /// </summary>
    public static (UsageQuery? Query, ApiError? Error) ForRange(string? start, string? end, string? groupBy, DateTimeOffset now)
    {
        if (ParseGrouping(groupBy) is not { } grouping)
        {
            return (null, BadGrouping);
        }

        DateOnly? from = null, to = null;
        if (!string.IsNullOrEmpty(start) && (from = ParseBound(start, isEnd: false)) is null)
        {
            return (null, BadBound("start", start));
        }

        if (!string.IsNullOrEmpty(end) && (to = ParseBound(end, isEnd: true)) is null)
        {
            return (null, BadBound("end", end));
        }

        var last = to ?? UsageKeys.DayOf(now);
        var first = from ?? last.AddDays(-(DefaultDays - 1));
        if (last < first)
        {
            return (null, to is null
                ? ApiError.InvalidParameter("start", "start must not be in the future (end defaults to today).")
                : ApiError.InvalidParameter("end", "end must not be before start."));
        }

        return last.DayNumber - first.DayNumber + 1 > MaxDays
            ? (null, ApiError.InvalidParameter("start", $"A usage request may span at most {MaxDays} days; narrow start and end."))
            : (new UsageQuery(first, last, grouping), null);
    }

    /// <summary><c>GET /v1/usage/daily</c>: the current UTC month so far, or the one day <c>date=YYYY-MM-DD</c>.</summary>
    public static (UsageQuery? Query, ApiError? Error) ForDaily(string? date, string? groupBy, DateTimeOffset now)
    {
        if (ParseGrouping(groupBy) is not { } grouping)
        {
            return (null, BadGrouping);
        }

        if (string.IsNullOrEmpty(date))
        {
            var today = UsageKeys.DayOf(now);
            return (new UsageQuery(new DateOnly(today.Year, today.Month, 1), today, grouping), null);
        }

        return ParseDate(date) is { } day
            ? (new UsageQuery(day, day, grouping), null)
            : (null, ApiError.InvalidParameter("date", $"date must be a day as YYYY-MM-DD, not '{date}'."));
    }

    /// <summary>Whose usage: the caller's own, or (admins only) the <c>owner</c> asked for.</summary>
    public static (string? Owner, ApiError? Error) OwnerFor(Caller caller, string? requested)
    {
        if (string.IsNullOrEmpty(requested) || requested == caller.Owner)
        {
            return (caller.Owner, null);
        }

        if (caller.Role < Role.Admin)
        {
            return (null, new ApiError(403, new OpenAIError(
                "Only an admin may read another owner's usage (or every owner's, owner=*); leave out 'owner' to read your own.", ErrorTypes.InvalidRequest, "owner", "permission_denied")));
        }

        if (requested == UsageKeys.AllOwners)
        {
            return (UsageKeys.AllOwners, null);
        }

        return Owners.CheckNamed(requested) is { } error ? (null, error) : (requested, null);
    }

    private static ApiError BadGrouping => ApiError.InvalidParameter("group_by", "group_by must be 'model' or 'day'.");

    private static ApiError BadBound(string param, string value) =>
        ApiError.InvalidParameter(param, $"{param} must be Unix seconds or a day as YYYY-MM-DD, not '{value}'.");

    private static UsageGrouping? ParseGrouping(string? value) => value switch
    {
        null or "" or "model" => UsageGrouping.Model,
        "day" => UsageGrouping.Day,
        _ => null,
    };

    private static DateOnly? ParseBound(string value, bool isEnd)
    {
        if (ParseDate(value) is { } day)
        {
            return day;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        // An exclusive end at 00:00:00 does not touch the day it starts.
        var instant = DateTimeOffset.FromUnixTimeSeconds(isEnd && seconds > 0 ? seconds - 1 : seconds);
        return Within(UsageKeys.DayOf(instant));
    }

    private static DateOnly? ParseDate(string value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? Within(day)
            : null;

    private static DateOnly? Within(DateOnly day) => day >= Earliest && day <= Latest ? day : null;
}
