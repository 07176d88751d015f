namespace Serverless.Client.Jobs;

/// <summary>
/// Exponential backoff with full jitter: the n-th wait is uniform in [0, min(max, initial × 2^n)], so many clients
/// polling the same API spread out instead of arriving in waves; a <c>Retry-After</c> the API sent is a floor.
/// </summary>
internal sealed class PollingBackoff(TimeSpan initial, TimeSpan max, Func<double>? random = null)
{
    private readonly Func<double> next = random ?? Random.Shared.NextDouble;

    /// <summary>The ceiling of the wait after poll <paramref name="attempt"/> (0 for the first).</summary>
    public TimeSpan Ceiling(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(max.Ticks, initial.Ticks * Math.Pow(2, Math.Min(attempt, 62))));

    /// <summary>
    /// The wait after poll <paramref name="attempt"/>: full jitter under the ceiling in whole milliseconds, never under
    /// 1 ms (<see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> counts whole milliseconds and would not
    /// wait at all for less), and at least <paramref name="retryAfter"/>.
    /// </summary>
    public TimeSpan Delay(int attempt, TimeSpan? retryAfter = null)
    {
        var jittered = TimeSpan.FromMilliseconds(Math.Max(1, Math.Floor(Ceiling(attempt).TotalMilliseconds * next())));
        return retryAfter is { } floor && floor > jittered ? floor : jittered;
    }
}
