using System.Globalization;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// Prints one line per minute of a load run, once every request started in it has ended: requests and how they
/// ended, latency, the API's storage calls per request over the minute (from its <c>/metrics</c>) and the store's size.
/// </summary>
internal sealed class MinuteReporter(MeteredStack stack, LoadRecorder recorder)
{
    public const string Header = "minute |   sent |     ok | errors | timeouts |  late |   ok/s | p50 ms | p99 ms | storage calls/req | store MiB";

    public async Task RunAsync()
    {
        Console.WriteLine(Header);
        var previous = await stack.ScrapeMetricsAsync();
        var printed = Task.CompletedTask;
        for (var minute = 0; minute < recorder.Minutes; minute++)
        {
            var end = TimeSpan.FromSeconds(Math.Min((minute + 1) * 60.0, recorder.Length.TotalSeconds));
            var wait = end - recorder.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var callsPerRequest = double.NaN;
            try
            {
                var scrape = await stack.ScrapeMetricsAsync();
                callsPerRequest = (scrape.Sum("api_storage_calls_total") - previous.Sum("api_storage_calls_total")) /
                    (scrape.Sum("api_requests_total") - previous.Sum("api_requests_total"));
                previous = scrape;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                // An API too busy to be scraped shows as NaN; the next minute is measured from the last good scrape.
            }

            printed = PrintAsync(printed, minute, callsPerRequest, StoreSize.Total(stack.DataFolder));
        }

        await printed;
    }

    private async Task PrintAsync(Task previous, int minute, double callsPerRequest, long storeBytes)
    {
        await previous;
        await recorder.WaitForMinuteAsync(minute, TimeSpan.FromSeconds(15));
        var f = recorder.Minute(minute);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{minute + 1,6} | {f.Sent,6} | {f.Ok,6} | {f.Errors,6} | {f.Timeouts,8} | {f.Late,5} | {f.OkPerSecond,6:F0} | {f.P50Ms,6:F1} | {f.P99Ms,6:F1} | {callsPerRequest,17:F3} | {storeBytes / 1048576.0,9:F2}"));
    }
}
