using Serverless.Api.Quotas;

namespace Serverless.Api.Tests.Quotas;

public sealed class QuotaWindowsTests
{
    [Fact]
    public void MinuteWindows_ChangeExactlyAtTheMinute()
    {
        var before = new DateTimeOffset(2026, 3, 1, 23, 59, 59, 999, TimeSpan.Zero);
        var after = before.AddMilliseconds(1);

        var (a, aEnds) = QuotaWindows.Of(LimitKind.RequestsPerMinute, before);
        var (b, _) = QuotaWindows.Of(LimitKind.TokensPerMinute, after);

        Assert.Equal("202603012359", a);
        Assert.Equal("202603020000", b);
        Assert.Equal(after, aEnds);
    }

    [Fact]
    public void DayWindows_AreUtcDays_WhateverTheOffsetOfTheClock()
    {
        // 01:30 in UTC+2 is still the previous day in UTC.
        var local = new DateTimeOffset(2026, 7, 10, 1, 30, 0, TimeSpan.FromHours(2));

        var (id, ends) = QuotaWindows.Of(LimitKind.RequestsPerDay, local);

        Assert.Equal("20260709", id);
        Assert.Equal(new DateTimeOffset(2026, 7, 10, 0, 0, 0, TimeSpan.Zero), ends);
        Assert.True(QuotaWindows.IsDaily(LimitKind.TokensPerDay));
        Assert.False(QuotaWindows.IsDaily(LimitKind.TokensPerMinute));
    }

    [Fact]
    public void Concurrency_HasOneEverlastingWindow() =>
        Assert.Equal("live", QuotaWindows.Of(LimitKind.Concurrency, DateTimeOffset.UnixEpoch).Id);
}
