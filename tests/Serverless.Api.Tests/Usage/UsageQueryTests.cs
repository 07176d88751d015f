using Microsoft.Extensions.Time.Testing;
using Serverless.Api.Auth;
using Serverless.Api.Usage;

namespace Serverless.Api.Tests.Usage;

public sealed class UsageQueryTests
{
    // 2026-03-15 23:59:59 UTC: one second before the UTC day changes (it is already the 16th east of UTC).
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 15, 23, 59, 59, TimeSpan.Zero));

    private static DateOnly Day(int month, int day, int year = 2026) => new(year, month, day);

    [Fact]
    public void ForRange_WithNothing_IsTheLast30UtcDays_TodayIncluded_ByModel()
    {
        var (query, error) = UsageQuery.ForRange(null, null, null, time.GetUtcNow());

        Assert.Null(error);
        Assert.Equal(new UsageQuery(Day(2, 14), Day(3, 15), UsageGrouping.Model), query);
    }

    [Fact]
    public void ForRange_AfterMidnightUtc_MovesToTheNextDay()
    {
        time.Advance(TimeSpan.FromSeconds(1));

        var (query, _) = UsageQuery.ForRange(null, null, null, time.GetUtcNow());

        Assert.Equal(new UsageQuery(Day(2, 15), Day(3, 16), UsageGrouping.Model), query);
    }

    [Fact]
    public void ForRange_DatesAreWholeDays_IncludedAtBothEnds()
    {
        var (query, _) = UsageQuery.ForRange("2026-03-01", "2026-03-02", "day", time.GetUtcNow());

        Assert.Equal(new UsageQuery(Day(3, 1), Day(3, 2), UsageGrouping.Day), query);
    }

    [Theory]
    [InlineData("1772323200", "1772496000", 3, 1, 3, 2)] // 2026-03-01T00:00Z to 2026-03-03T00:00Z: the end is exclusive
    [InlineData("1772409599", "1772409601", 3, 1, 3, 2)] // 23:59:59 on the 1st to 00:00:01 on the 2nd touches both days
    [InlineData("1772366400", "1772366401", 3, 1, 3, 1)] // one second at noon
    public void ForRange_UnixSeconds_AreInstants_WidenedToTheUtcDaysTheyTouch(string start, string end, int m1, int d1, int m2, int d2)
    {
        var (query, error) = UsageQuery.ForRange(start, end, null, time.GetUtcNow());

        Assert.Null(error);
        Assert.Equal(new UsageQuery(Day(m1, d1), Day(m2, d2), UsageGrouping.Model), query);
    }

    [Fact]
    public void ForRange_WithOnlyStart_EndsToday()
    {
        var (query, _) = UsageQuery.ForRange("2026-03-10", null, null, time.GetUtcNow());

        Assert.Equal(new UsageQuery(Day(3, 10), Day(3, 15), UsageGrouping.Model), query);
    }

    [Fact]
    public void ForRange_WithOnlyEnd_IsThe30DaysBeforeIt()
    {
        var (query, _) = UsageQuery.ForRange(null, "2026-01-31", null, time.GetUtcNow());

        Assert.Equal(new UsageQuery(Day(1, 2), Day(1, 31), UsageGrouping.Model), query);
    }

    [Theory]
    [InlineData("yesterday", null, null, "start")]
    [InlineData("2026-3-1", null, null, "start")]
    [InlineData("2026-02-30", null, null, "start")]
    [InlineData("-5", null, null, "start")]
    [InlineData("1e9", null, null, "start")]
    [InlineData("99999999999999999999", null, null, "start")]
    [InlineData(null, "2026-13-01", null, "end")]
    [InlineData("2026-03-05", "2026-03-04", null, "end")]
    [InlineData("2026-03-20", null, null, "start")] // in the future, with end defaulting to today
    [InlineData("2024-01-01", "2026-01-01", null, "start")] // more than 366 days
    [InlineData(null, null, "week", "group_by")]
    [InlineData(null, null, "MODEL", "group_by")]
    public void ForRange_BadInput_Is400NamingTheParameter(string? start, string? end, string? groupBy, string param)
    {
        var (query, error) = UsageQuery.ForRange(start, end, groupBy, time.GetUtcNow());

        Assert.Null(query);
        Assert.Equal(400, error!.StatusCode);
        Assert.Equal(param, error.Error.Param);
    }

    [Fact]
    public void ForRange_OfExactly366Days_IsAllowed() =>
        Assert.Null(UsageQuery.ForRange("2025-03-15", "2026-03-15", null, time.GetUtcNow()).Error);

    [Fact]
    public void ForDaily_WithNothing_IsThisUtcMonthSoFar()
    {
        var (query, _) = UsageQuery.ForDaily(null, null, time.GetUtcNow());

        Assert.Equal(new UsageQuery(Day(3, 1), Day(3, 15), UsageGrouping.Model), query);
    }

    [Fact]
    public void ForDaily_OnTheFirstOfTheMonthUtc_IsJustThatDay()
    {
        time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

        var (query, _) = UsageQuery.ForDaily(null, "day", time.GetUtcNow());

        Assert.Equal(new UsageQuery(Day(4, 1), Day(4, 1), UsageGrouping.Day), query);
    }

    [Fact]
    public void ForDaily_WithADate_IsThatDay() =>
        Assert.Equal(new UsageQuery(Day(2, 28), Day(2, 28), UsageGrouping.Model), UsageQuery.ForDaily("2026-02-28", null, time.GetUtcNow()).Query);

    [Theory]
    [InlineData("1772323200")]
    [InlineData("2026-02-29")]
    [InlineData("today")]
    public void ForDaily_WithABadDate_Is400NamingDate(string date) =>
        Assert.Equal("date", UsageQuery.ForDaily(date, null, time.GetUtcNow()).Error?.Error.Param);

    [Theory]
    [InlineData(Role.Reader, null, "tenant-a", null)]
    [InlineData(Role.User, "tenant-a", "tenant-a", null)]
    [InlineData(Role.User, "tenant-b", null, 403)]
    [InlineData(Role.Reader, "tenant-b", null, 403)]
    [InlineData(Role.Admin, "tenant-b", "tenant-b", null)]
    [InlineData(Role.Admin, null, "tenant-a", null)]
    public void OwnerFor_UsersSeeTheirOwn_AdminsAnyones(Role role, string? requested, string? owner, int? status)
    {
        var caller = new Caller("key_1", "tenant-a", role, [], null, [], "default");

        var (resolved, error) = UsageQuery.OwnerFor(caller, requested);

        Assert.Equal(owner, resolved);
        Assert.Equal(status, error?.StatusCode);
    }
}
