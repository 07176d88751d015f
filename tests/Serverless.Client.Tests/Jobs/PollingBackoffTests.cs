using Serverless.Client.Jobs;

namespace Serverless.Client.Tests.Jobs;

/// <summary>Full jitter: each wait is uniform between zero and a ceiling that doubles up to the maximum.</summary>
public sealed class PollingBackoffTests
{
    [Fact]
    public void Ceiling_DoublesFromTheInitialDelay_UpToTheMaximum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        Assert.Equal([100, 200, 400, 800, 1000, 1000], Enumerable.Range(0, 6).Select(i => backoff.Ceiling(i).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Ceiling(1_000)); // no overflow however long the wait
    }

    [Fact]
    public void Delays_SpreadUniformlyFromZeroToTheCeiling()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

        var delays = Enumerable.Range(0, 10_000).Select(_ => backoff.Delay(4).TotalMilliseconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, 1, 1600));
        Assert.InRange(delays.Min(), 1, 16); // full jitter reaches down to nearly zero, not half the ceiling
        Assert.InRange(delays.Max(), 1584, 1600);
        Assert.InRange(delays.Average(), 760, 840);
        Assert.InRange(delays.Count(d => d < 800), 4_700, 5_300);
    }

    [Fact]
    public void Delay_IsWholeMilliseconds_AndNeverNone()
    {
        var draws = new Queue<double>([0, 0.0049, 0.33337]);
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3), draws.Dequeue);

        // Task.Delay counts whole milliseconds: a draw of 0 (or under 1 ms) would poll again with no wait at all.
        Assert.Equal(TimeSpan.FromMilliseconds(1), backoff.Delay(0));
        Assert.Equal(TimeSpan.FromMilliseconds(1), backoff.Delay(1));
        Assert.Equal(TimeSpan.FromMilliseconds(266), backoff.Delay(2));
    }

    [Fact]
    public void RetryAfter_IsAFloor_UnderOrOverTheCeiling()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Delay(0, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromMilliseconds(400), backoff.Delay(3, TimeSpan.FromMilliseconds(10)));
    }
}
