using System.Globalization;
using Serverless.Testing;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// Soak: metered requests at a fixed rate for some minutes through the API host on the local stack, and whether
/// metering holds: no errors, a p99 that does not creep up, usage that counts every answer exactly once, and how
/// much the store grows. The upstream is the instant one, or (<c>soak-worker</c>) the real CPU worker. With the
/// response cache (<c>soak-cache</c>), the keys opt in, the API keeps at most 4 MiB of answers, and the mix adds new
/// requests that fill it: hits must be billed as cached, exactly, and the API's memory must stay flat. Through the
/// model catalog (<c>soak-routing</c>), every request names a catalog model served by two <c>worker</c> deployments
/// (both the instant upstream), so the routed relay, its answer rewrite and its breakers carry the load.
/// </summary>
internal static class SoakBenchmark
{
    private const int MaxInFlight = 512;

    /// <summary>The response cache's memory bound in a <c>soak-cache</c> run: small, so the run fills it many times over.</summary>
    private const int CacheBytes = 4 * 1024 * 1024;

    /// <summary>The catalog model a <c>soak-routing</c> run names.</summary>
    private const string RoutedModel = "routed";

    public static async Task<int> RunAsync(string[] args, bool realWorker, bool responseCache = false, bool routing = false)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var rate = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : realWorker ? 40 : 300;
        await using var instant = realWorker ? null : await InstantUpstream.StartAsync();
        var secrets = ApiSecrets.New();
        await using var worker = realWorker ? await ServiceProcess.StartWorkerAsync(secrets.WorkerKey) : null;
        await using var stack = responseCache
            ? await MeteredStack.StartAsync(instant!.BaseUrl, secrets, responseCache: true, "--ResponseCache:MaxMemoryBytes", $"{CacheBytes}")
            : await MeteredStack.StartAsync(instant?.BaseUrl ?? worker!.BaseUrl, secrets);
        var mix = responseCache ? MeteredRequest.CacheMix : realWorker ? MeteredRequest.WorkerMix : MeteredRequest.Mix;
        if (routing)
        {
            await stack.PutCatalogModelAsync(RoutedModel, instant!.BaseUrl);
            mix = [.. mix.Select(r => r with { Body = r.Body.Replace($"\"{InstantAnswers.ModelId}\"", $"\"{RoutedModel}\"", StringComparison.Ordinal) })];
            Console.WriteLine($"every request names the catalog model '{RoutedModel}': two worker deployments (a and b), both the instant upstream");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {minutes} min at {rate}/s of metered requests (chat and text completions, whole and streamed, in turn; max_tokens 2) " +
            $"through the API host to {(realWorker ? "the CPU worker (gpt2-tiny and llama-tiny; also a forced tool call and a json_schema answer, max_tokens 24)" : "an instant upstream")}; {Environment.ProcessorCount} cores; key auth, metering, metrics and tracing on; Azurite on disk"));
        if (responseCache)
        {
            Console.WriteLine($"response cache on for both keys, {CacheBytes / (1024 * 1024)} MiB of answers at most; the mix adds a new whole chat and completion in every 6 (misses, each kept)");
        }

        using (var warm = stack.Client(stack.WarmUpKey, MaxInFlight, MeteredRequest.Timeout))
        {
            var warmUp = new LoadRecorder(TimeSpan.FromSeconds(15));
            await FixedRateLoad.RunAsync(warm, mix, rate, MaxInFlight, warmUp);
            var w = warmUp.Total();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up (15 s, another owner): {w.Ok}/{w.Sent} ok, p50 {w.P50Ms:F1} ms, p99 {w.P99Ms:F1} ms"));
        }

        var before = await StoreSnapshot.TakeAsync(stack);
        var hitsBefore = (await stack.ScrapeMetricsAsync()).Sum("api_response_cache_lookups_total", "result=hit");
        var memoryAfterWarmUp = stack.Api.PeakWorkingSetBytes();
        using var http = stack.Client(stack.RunKey, MaxInFlight, MeteredRequest.Timeout);
        var recorder = new LoadRecorder(TimeSpan.FromMinutes(minutes));
        var cpu = new CpuUse(stack, worker);
        await Task.WhenAll(FixedRateLoad.RunAsync(http, mix, rate, MaxInFlight, recorder), new MinuteReporter(stack, recorder).RunAsync());
        var hits = (await stack.ScrapeMetricsAsync()).Sum("api_response_cache_lookups_total", "result=hit") - hitsBefore;
        cpu.Print(recorder.Length);
        stack.PrintIfEnded();

        var total = recorder.Total();
        if (total.Errors + total.Timeouts > 0)
        {
            stack.PrintApiLog();
        }

        var usage = await UsageTotals.ReadSettledAsync(stack, total.Ok);
        var (everyOwner, ownersSummed) = await UsageTotals.ReadEveryOwnerAsync(stack);
        var after = await StoreSnapshot.TakeAsync(stack);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {total.Sent} sent ({total.Sent / recorder.Length.TotalSeconds:F1}/s; {total.Late} started over {FixedRateLoad.Slack.TotalMilliseconds} ms after their turn), " +
            $"{total.Ok} ok, {total.Errors} errors, {total.Timeouts} timeouts; p50 {total.P50Ms:F1} ms, p99 {total.P99Ms:F1} ms"));
        StoreSnapshot.PrintGrowth(before, after, total.Ok);
        Console.WriteLine($"usage API: {usage}; requests answered ok: {total.Ok} of {total.Sent}");
        Console.WriteLine($"usage API, every owner (owner=*): {everyOwner}; the two owners summed: {ownersSummed}");

        // Ten minutes or more: the first five against the last five; a shorter run: the first third against the last.
        var window = recorder.Length.TotalMinutes >= 10 ? 300 : recorder.Length.TotalSeconds / 3;
        var first = recorder.Window(0, window);
        var last = recorder.Window(recorder.Length.TotalSeconds - window, recorder.Length.TotalSeconds);
        var windowName = recorder.Length.TotalMinutes >= 10 ? "5 minutes" : "third";
        var tokensExact = realWorker ||
            (usage.PromptTokens == total.Ok * InstantAnswers.PromptTokens && usage.CompletionTokens == total.Ok * InstantAnswers.CompletionTokens);
        bool[] verdicts =
        [
            Verdict.Print(total.Errors + total.Timeouts == 0, "0 errors", $"{total.Errors} errors, {total.Timeouts} timeouts of {total.Sent}"),
            Verdict.Print(last.P99Ms <= 1.5 * first.P99Ms, $"p99 of the last {windowName} <= 1.5x the first's", string.Create(CultureInfo.InvariantCulture,
                $"{last.P99Ms:F1} ms vs {first.P99Ms:F1} ms ({last.P99Ms / first.P99Ms:F2}x)")),
            Verdict.Print(usage.Requests == total.Ok && tokensExact, "usage exact", realWorker
                ? $"billed {usage}; answered ok {total.Ok}"
                : $"billed {usage}; answered ok {total.Ok}, so {total.Ok * InstantAnswers.PromptTokens} prompt and {total.Ok * InstantAnswers.CompletionTokens} completion tokens"),
            Verdict.Print(everyOwner == ownersSummed, "every owner's usage is the owners' sum", $"owner=* {everyOwner}; owners summed {ownersSummed}"),
            .. responseCache
                ? new[]
                {
                    Verdict.Print(usage.Cached == (long)hits && hits > 0, "every cache hit billed as cached", $"usage cached {usage.Cached}; hits counted in /metrics {hits}"),
                    Verdict.Print(stack.Api.PeakWorkingSetBytes() <= memoryAfterWarmUp + (4L * CacheBytes), "API memory flat (peak within 4x the cache bound of the warm-up's)", string.Create(CultureInfo.InvariantCulture,
                        $"peak {stack.Api.PeakWorkingSetBytes() / 1048576.0:F1} MiB; after warm-up {memoryAfterWarmUp / 1048576.0:F1} MiB")),
                }
                : [],
        ];
        return verdicts.All(v => v) ? 0 : 1;
    }
}
