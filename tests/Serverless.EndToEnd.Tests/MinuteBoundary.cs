namespace Serverless.EndToEnd.Tests;

/// <summary>Per-minute limits use fixed UTC-minute windows; a test that counts within one waits out a boundary that is near.</summary>
internal static class MinuteBoundary
{
    public static async Task AvoidAsync(int secondsNeeded = 20)
    {
        var now = DateTimeOffset.UtcNow;
        var left = 60 - now.Second - (now.Millisecond / 1000.0);
        if (left < secondsNeeded)
        {
            await Task.Delay(TimeSpan.FromSeconds(left + 0.2));
        }
    }
}
