using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Serverless.Inference.Benchmarks;

/// <summary>
/// Measures one model at 1, 4 and 16 concurrent requests on the CPU (1, 16 and 64 on CUDA), printing one row per
/// level; with a bandwidth, batch 1's share of the roofline (bandwidth / weight bytes per step).
/// </summary>
internal static class GenerationBenchmark
{
    public const string Header = "model             concurrent  tokens  tokens/s   vs 1  ttft p50 ms  peak WS MiB  roofline   (median of 5 waves)";

    private static readonly int[] CpuConcurrency = [1, 4, 16];
    private static readonly int[] GpuConcurrency = [1, 16, 64];

    /// <summary>Waves per level; the median wave is reported, since the machine is shared and timings wander.</summary>
    private const int Repeats = 5;

    public static async Task MeasureAsync(string modelsPath, BenchmarkModel benchmark, Setup setup, TextWriter output)
    {
        var concurrency = setup.OnGpu ? GpuConcurrency : CpuConcurrency;
        using var catalog = ModelCatalog.Load(
            new InferenceOptions
            {
                ModelsPath = modelsPath,
                ExecutionProvider = setup.OnGpu ? "cuda" : "cpu",
                MaxBatchSize = concurrency[^1],
                IntraOpThreads = Math.Max(setup.IntraOpThreads, 0),
            },
            NullLoggerFactory.Instance);
        if (!catalog.TryGetGeneration(benchmark.Id, out var model))
        {
            throw new InvalidOperationException($"{benchmark.Id} did not load: {string.Join("; ", catalog.Failures)}");
        }

        await Wave.RunAsync(model, 2, 8); // warm-up: first-run allocations and ONNX Runtime's own caches
        double? single = null;
        var roofline = setup.BandwidthGBps > 0 ? setup.BandwidthGBps * 1e9 / benchmark.WeightBytes : (double?)null;
        foreach (var concurrent in concurrency)
        {
            var waves = new List<Wave>();
            for (var i = 0; i < Repeats; i++)
            {
                waves.Add(await Wave.RunAsync(model, concurrent, benchmark.MaxTokens));
            }

            var result = waves.OrderBy(w => w.TokensPerSecond).ElementAt(Repeats / 2);
            single ??= result.TokensPerSecond;
            using var self = Process.GetCurrentProcess();
            var peak = self.PeakWorkingSet64 / (1024.0 * 1024.0);
            var share = concurrent == 1 && roofline is { } limit ? $"{result.TokensPerSecond / limit,8:P0}" : string.Empty;
            output.WriteLine($"{benchmark.Id,-17} {concurrent,10} {result.Tokens,7} {result.TokensPerSecond,9:F1} {result.TokensPerSecond / single,6:F2} {result.FirstTokenP50.TotalMilliseconds,12:F1} {peak,12:F0} {share}");
        }
    }

    /// <summary>How a child process measures: intra-op threads (−1: on the GPU) and the memory bandwidth in GB/s (0: none).</summary>
    public sealed record Setup(int IntraOpThreads, double BandwidthGBps)
    {
        public bool OnGpu => IntraOpThreads < 0;
    }
}
