namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>A clock stopped at one instant, in UTC as the local zone, so strftime_now prints that instant's wall time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
