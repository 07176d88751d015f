using System.Globalization;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// Burst: a number of connections sending metered chat requests flat out through the API host to the instant
/// upstream, and whether throughput holds: no errors or timeouts, the last minute at 90 % or more of the first.
/// </summary>
internal static class BurstBenchmark
{
    /// <summary>What the issue asks of this 2-core machine, authentication and metering on.</summary>
    private const double TargetPerSecond = 4000;

    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        await using var upstream = await InstantUpstream.StartAsync();
        await using var stack = await MeteredStack.StartAsync(upstream.BaseUrl);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"burst: {minutes} min, {connections} connections flat out, metered chat requests (max_tokens 2) through the API host to an instant upstream; " +
            $"{Environment.ProcessorCount} cores; key auth, metering, metrics and tracing on; Azurite on disk"));

        using (var warm = stack.Client(stack.WarmUpKey, connections, MeteredRequest.Timeout))
        {
            var warmUp = new LoadRecorder(TimeSpan.FromSeconds(15));
            await FlatOutLoad.RunAsync(warm, MeteredRequest.Chat, connections, warmUp);
            var w = warmUp.Total();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up (15 s, another owner): {w.Ok}/{w.Sent} ok, {w.OkPerSecond:F0}/s"));
        }

        var before = await StoreSnapshot.TakeAsync(stack);
        using var http = stack.Client(stack.RunKey, connections, MeteredRequest.Timeout);
        var recorder = new LoadRecorder(TimeSpan.FromMinutes(minutes));
        var cpu = new CpuUse(stack, null);
        await Task.WhenAll(FlatOutLoad.RunAsync(http, MeteredRequest.Chat, connections, recorder), new MinuteReporter(stack, recorder).RunAsync());
        cpu.Print(recorder.Length);
        stack.PrintIfEnded();

        var total = recorder.Total();
        if (total.Errors + total.Timeouts > 0)
        {
            stack.PrintApiLog();
        }

        var usage = await UsageTotals.ReadSettledAsync(stack, total.Ok);
        var after = await StoreSnapshot.TakeAsync(stack);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {total.Sent} sent, {total.Ok} ok ({total.OkPerSecond:F0}/s), {total.Errors} errors, {total.Timeouts} timeouts; p50 {total.P50Ms:F1} ms, p99 {total.P99Ms:F1} ms"));
        StoreSnapshot.PrintGrowth(before, after, total.Ok);
        Console.WriteLine($"usage API: {usage}; requests answered ok: {total.Ok} of {total.Sent}");

        // Two minutes or more: the first minute against the last; a shorter run: the first third against the last.
        var window = recorder.Length.TotalMinutes >= 2 ? 60 : recorder.Length.TotalSeconds / 3;
        var first = recorder.Window(0, window);
        var last = recorder.Window(recorder.Length.TotalSeconds - window, recorder.Length.TotalSeconds);
        var windowName = recorder.Length.TotalMinutes >= 2 ? "minute" : "third";
        bool[] verdicts =
        [
            Verdict.Print(total.Errors == 0, "0 errors", $"{total.Errors} of {total.Sent}"),
            Verdict.Print(total.Timeouts == 0, "0 timeouts", $"{total.Timeouts} of {total.Sent}"),
            Verdict.Print(last.OkPerSecond >= 0.9 * first.OkPerSecond, $"last {windowName}'s throughput >= 90% of the first's", string.Create(CultureInfo.InvariantCulture,
                $"{last.OkPerSecond:F0}/s vs {first.OkPerSecond:F0}/s ({last.OkPerSecond / first.OkPerSecond:P0})")),
            Verdict.Print(total.OkPerSecond >= TargetPerSecond, $"target {TargetPerSecond:F0} requests/s", string.Create(CultureInfo.InvariantCulture, $"{total.OkPerSecond:F0}/s")),
            Verdict.Print(usage.Requests == total.Ok, "usage exact", $"billed {usage}; answered ok {total.Ok}"),
        ];
        return verdicts.All(v => v) ? 0 : 1;
    }
}
