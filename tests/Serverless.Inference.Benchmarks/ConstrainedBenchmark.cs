using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Inference.Constraints.Masking;
using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Benchmarks;

/// <summary>
/// gpt2-tiny on the CPU with and without a json_schema constraint, at 1 and 16 concurrent requests; then the mask
/// alone: the constrained outputs replayed token by token through a freshly compiled constraint (so its mask cache
/// starts cold, as for a new schema), timing each step's mask against a batch-1 decode step.
/// </summary>
internal static class ConstrainedBenchmark
{
    /// <summary>What an extraction request looks like: nested objects, an enum, bounded numbers, a list, a nullable field.</summary>
    public const string Schema = """
        {"type": "object", "additionalProperties": false, "required": ["name", "category", "price", "in_stock", "tags", "dimensions", "supplier"],
         "properties": {
           "name": {"type": "string"},
           "category": {"enum": ["tools", "garden", "kitchen", "toys"]},
           "price": {"type": "number", "minimum": 0, "maximum": 10000},
           "in_stock": {"type": "boolean"},
           "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
           "dimensions": {"type": "object", "additionalProperties": false, "required": ["width", "height"],
                          "properties": {"width": {"type": "integer", "minimum": 1, "maximum": 500}, "height": {"type": "integer", "minimum": 1, "maximum": 500}}},
           "supplier": {"type": ["string", "null"]}}}
        """;

    private const string Prompt = "Extract the product as JSON: a cordless drill, 18 V, two batteries, 129 euros, in stock.";
    private const int MaxTokens = 128;
    private const int Repeats = 7;
    private static readonly int[] Concurrency = [1, 16];

    public static async Task RunAsync(string modelsPath, string modelId, TextWriter output)
    {
        using var catalog = ModelCatalog.Load(
            new InferenceOptions { ModelsPath = modelsPath, ExecutionProvider = "cpu", MaxBatchSize = 16 },
            NullLoggerFactory.Instance);
        if (!catalog.TryGetGeneration(modelId, out var model))
        {
            throw new InvalidOperationException($"{modelId} did not load: {string.Join("; ", catalog.Failures)}");
        }

        var schema = JsonDocument.Parse(Schema).RootElement.Clone();
        var constraint = JsonConstraint.FromSchema(schema);
        await RunWaveAsync(model, 2, null);
        await RunWaveAsync(model, 2, constraint);

        output.WriteLine($"{modelId}, {Environment.ProcessorCount} cores, CPU execution provider, max_tokens {MaxTokens}, sampled (temperature 0.8, top_k 40), median of {Repeats} waves");
        output.WriteLine("concurrent  constraint     tokens  tokens/s  vs unconstrained");
        double batchOneStepMs = 0;
        var sequences = new List<int[]>();
        foreach (var concurrent in Concurrency)
        {
            // Waves alternate between the two, so a load that comes and goes on a shared machine hits both alike.
            var byKind = new[] { new List<(int Tokens, double TokensPerSecond, List<int[]> Sequences)>(), [] };
            for (var i = 0; i < Repeats; i++)
            {
                byKind[0].Add(await RunWaveAsync(model, concurrent, null));
                byKind[1].Add(await RunWaveAsync(model, concurrent, constraint));
            }

            double? plain = null;
            foreach (var constrained in new[] { false, true })
            {
                var waves = byKind[constrained ? 1 : 0];
                var median = waves.OrderBy(w => w.TokensPerSecond).ElementAt(Repeats / 2);
                plain ??= median.TokensPerSecond;
                if (concurrent == 1 && !constrained)
                {
                    batchOneStepMs = 1000.0 / median.TokensPerSecond;
                }

                if (constrained)
                {
                    sequences.AddRange(waves.SelectMany(w => w.Sequences));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{concurrent,10}  {(constrained ? "json_schema" : "none"),-12} {median.Tokens,7} {median.TokensPerSecond,9:F1}  {median.TokensPerSecond / plain,6:F2}"));
            }
        }

        var (mean, p99, max, steps) = TimeMasks(model, schema, sequences);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mask per step, {sequences.Count} constrained outputs ({steps} steps) replayed through a freshly compiled constraint:"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  mean {mean:F1} µs, p99 {p99:F1} µs, max {max:F0} µs; batch-1 decode step {batchOneStepMs * 1000:F0} µs: mean {mean / (batchOneStepMs * 10):F1} %, p99 {p99 / (batchOneStepMs * 10):F1} % of a step"));
        output.Write("a mask computed afresh (a cache miss), median of 21:");
        foreach (var (name, prefix) in new[] { ("in a free string", "{\"name\":\"Cordless dr"), ("at a key", "{\"name\":\"x\",\"cat"), ("in a bounded number", "{\"name\":\"x\",\"category\":\"tools\",\"price\":12") })
        {
            var state = MatchState.Start(constraint.Root).Step(System.Text.Encoding.UTF8.GetBytes(prefix), [])!;
            var builds = Enumerable.Range(0, 21).Select(_ =>
            {
                var start = Stopwatch.GetTimestamp();
                MaskBuilder.Build(model.Vocabulary, state);
                return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }).Order().ToArray();
            output.Write(string.Create(CultureInfo.InvariantCulture, $" {name} {builds[10]:F0} µs;"));
        }

        output.WriteLine();
    }

    private static async Task<(int Tokens, double TokensPerSecond, List<int[]> Sequences)> RunWaveAsync(GenerationModel model, int concurrent, JsonConstraint? constraint)
    {
        var prompt = model.Tokenize(Prompt);
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, concurrent).Select(i => Task.Run(async () =>
        {
            var request = new GenerationRequest(prompt, MaxTokens, new SamplingParameters(Temperature: 0.8f, TopK: 40, Seed: i + (concurrent * 100)), [], Constraint: constraint);
            var tokens = new List<int>();
            await foreach (var chunk in model.GenerateAsync(request, tokens.Add, CancellationToken.None))
            {
                _ = chunk;
            }

            return tokens.ToArray();
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var total = runs.Sum(r => r.Length);
        return (total, total / elapsed, [.. runs]);
    }

    /// <summary>Each output's steps in order, as the scheduler would mask them (one row of logits per step).</summary>
    private static (double Mean, double P99, double Max, int Steps) TimeMasks(GenerationModel model, JsonElement schema, List<int[]> sequences)
    {
        var fresh = JsonConstraint.FromSchema(schema);
        var random = new Random(1);
        var logits = Enumerable.Range(0, model.Vocabulary.Size).Select(_ => (float)random.NextDouble()).ToArray();
        var masked = new float[logits.Length];
        var times = new List<double>();
        foreach (var sequence in sequences)
        {
            var matcher = new ConstraintMatcher(fresh, model.Vocabulary);
            for (var step = 0; step < sequence.Length; step++)
            {
                var start = Stopwatch.GetTimestamp();
                matcher.Mask(logits, masked, MaxTokens - step);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                matcher.Advance(sequence[step]);
            }
        }

        times.Sort();
        return (times.Average(), times[(int)Math.Ceiling(times.Count * 0.99) - 1], times[^1], times.Count);
    }
}
