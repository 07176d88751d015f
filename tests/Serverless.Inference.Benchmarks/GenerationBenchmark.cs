using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Serverless.Inference.Benchmarks;

/// <summary>Measures one model at 1, 4 and 16 concurrent requests, printing one row per level.</summary>
internal static class GenerationBenchmark
{
    public const string Header = "model        concurrent  tokens  tokens/s   vs 1  ttft p50 ms  peak WS MiB   (median of 5 waves)";

    private static readonly int[] Concurrency = [1, 4, 16];

    /// <summary>Waves per level; the median wave is reported, since the machine is shared and timings wander.</summary>
    private const int Repeats = 5;

    public static async Task MeasureAsync(string modelsPath, BenchmarkModel benchmark, int intraOpThreads, TextWriter output)
    {
        using var catalog = ModelCatalog.Load(
            new InferenceOptions { ModelsPath = modelsPath, ExecutionProvider = "cpu", MaxBatchSize = 16, IntraOpThreads = intraOpThreads },
            NullLoggerFactory.Instance);
        if (!catalog.TryGetGeneration(benchmark.Id, out var model))
        {
            throw new InvalidOperationException($"{benchmark.Id} did not load: {string.Join("; ", catalog.Failures)}");
        }

        await Wave.RunAsync(model, 2, 8); // warm-up: first-run allocations and ONNX Runtime's own caches
        double? single = null;
        foreach (var concurrent in Concurrency)
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
            output.WriteLine($"{benchmark.Id,-12} {concurrent,10} {result.Tokens,7} {result.TokensPerSecond,9:F1} {result.TokensPerSecond / single,6:F2} {result.FirstTokenP50.TotalMilliseconds,12:F1} {peak,12:F0}");
        }
    }
}
