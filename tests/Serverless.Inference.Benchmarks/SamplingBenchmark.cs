using System.Diagnostics;
using System.Globalization;
using Serverless.Inference.Generation;
using Serverless.Inference.Generation.Sampling;

namespace Serverless.Inference.Benchmarks;

/// <summary>
/// Times the choice of one token from one row of logits (what every generated token of every sequence costs on
/// the CPU after the model ran), over a GPT-2-sized vocabulary, for the sampling settings requests use most.
/// </summary>
internal static class SamplingBenchmark
{
    private const int Vocabulary = 50_257;
    private const int Tokens = 2_000;

    private static readonly (string Name, SamplingParameters Parameters)[] Settings =
    [
        ("OpenAI default (temperature 1)", new SamplingParameters(Seed: 1)),
        ("temperature 0.7", new SamplingParameters(Temperature: 0.7f, Seed: 1)),
        ("temperature 0.7, top_p 0.9", new SamplingParameters(Temperature: 0.7f, TopP: 0.9f, Seed: 1)),
        ("temperature 0.8, top_k 40", new SamplingParameters(Temperature: 0.8f, TopK: 40, Seed: 1)),
        ("greedy (temperature 0)", new SamplingParameters(Temperature: 0f)),
    ];

    public static void Run(TextWriter output)
    {
        // Logits shaped like a language model's: most tokens far below a few likely ones.
        var random = new Random(7);
        var rows = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, Vocabulary).Select(_ => (float)(random.NextDouble() * random.NextDouble() * 20) - 10f).ToArray()).ToArray();
        output.WriteLine($"one token from {Vocabulary:N0} logits, {Tokens:N0} tokens per setting, one thread");

        // Warm-up first, for every setting: until the JIT has tiered the vector code up, one token costs several
        // times what it costs later, and the first setting timed would carry that.
        foreach (var (_, parameters) in Settings)
        {
            var sampler = new TokenSampler(parameters);
            for (var i = 0; i < 500; i++)
            {
                sampler.Next(rows[i % rows.Length]);
            }
        }

        Thread.Sleep(500); // tier-1 compilation runs in the background
        foreach (var (name, parameters) in Settings)
        {
            var sampler = new TokenSampler(parameters);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Tokens; i++)
            {
                sampler.Next(rows[i % rows.Length]);
            }

            var micros = clock.Elapsed.TotalMicroseconds / Tokens;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-32} {micros,8:F1} µs per token"));
        }
    }
}
