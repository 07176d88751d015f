using System.Diagnostics;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// Open-loop load: starts requests on a fixed schedule, whatever the latency, as independent users do. At most
/// <c>maxInFlight</c> are outstanding; a request that cannot start within <see cref="Slack"/> of its turn (the
/// limit is reached, or this process fell behind) starts as soon as it can and is counted late.
/// </summary>
internal static class FixedRateLoad
{
    /// <summary>How far behind its turn a request may start and still count as on time.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(HttpClient http, IReadOnlyList<MeteredRequest> mix, double perSecond, int maxInFlight, LoadRecorder recorder)
    {
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        var total = (long)(recorder.Length.TotalSeconds * perSecond);
        for (long next = 0; next < total;)
        {
            var now = recorder.Elapsed.TotalSeconds;
            var due = Math.Min(total, (long)(now * perSecond) + 1);
            for (; next < due; next++)
            {
                var turn = next / perSecond;
                if (!slots.Wait(0))
                {
                    await slots.WaitAsync();
                }

                var start = recorder.Elapsed.TotalSeconds;
                recorder.Started(turn, start - turn > Slack.TotalSeconds);
                _ = SendAsync(http, mix[(int)(next % mix.Count)], turn, recorder, slots);
            }

            // Sleep until the next turn rather than polling: the load generator shares the cores it measures.
            var untilNext = (next / perSecond) - recorder.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.001, untilNext)));
        }

        // Every request has ended once every slot is back.
        for (var i = 0; i < maxInFlight; i++)
        {
            await slots.WaitAsync();
        }
    }

    private static async Task SendAsync(HttpClient http, MeteredRequest request, double turn, LoadRecorder recorder, SemaphoreSlim slots)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = await request.SendAsync(http);
            recorder.Ended(new Sample(turn, Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome));
        }
        finally
        {
            slots.Release();
        }
    }
}
