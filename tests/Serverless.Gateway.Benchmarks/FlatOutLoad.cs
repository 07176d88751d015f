using System.Diagnostics;

namespace Serverless.Gateway.Benchmarks;

/// <summary>Closed-loop load: each connection sends its next request as soon as the last one is answered, for the recorder's length.</summary>
internal static class FlatOutLoad
{
    public static Task RunAsync(HttpClient http, MeteredRequest request, int connections, LoadRecorder recorder) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (recorder.Elapsed < recorder.Length)
            {
                var start = recorder.Elapsed.TotalSeconds;
                recorder.Started(start, wasLate: false);
                var started = Stopwatch.GetTimestamp();
                var outcome = await request.SendAsync(http);
                recorder.Ended(new Sample(start, Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome));
            }
        })));
}
