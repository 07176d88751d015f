using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Inference.Generation;
using Serverless.Inference.Tests.Fixtures;
using Serverless.ModelBuilder;
using Xunit.Abstractions;

namespace Serverless.Inference.Tests.Reference;

/// <summary>
/// The engine against an independent numpy implementation of each architecture (causal_lm_reference.py) that reads
/// the same model.onnx weights: the prefill's logits and those of 20 greedy steps through the KV cache agree, and
/// so do the greedy tokens, through the engine's own forward loop and through its batch scheduler.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ReferenceForwardTests(ModelsFixture models, ITestOutputHelper output)
{
    private const int Steps = 20;
    private const string Prompt = "The quick brown fox jumps over the lazy dog. Grouped-query attention, 123456!";

    // Logits here span about ±1. Measured: fp32 within 8e-7, fp16 within 5e-4 (one fp16 step at 1.0); the bounds
    // leave room for another CPU's summation order and still catch a sign slip in the rotary embedding (1.7e-2).
    [Theory]
    [InlineData(ModelsFixture.LlamaTiny, "llama", true, 4e-3)]
    [InlineData(ModelsFixture.LlamaTinyFp32, "llama", false, 1e-5)]
    [InlineData(ModelsFixture.Gpt2Tiny, "gpt2", false, 1e-5)]
    [InlineData(ModelsFixture.Gpt2TinyFp16, "gpt2", true, 4e-3)]
    public async Task PrefillAndGreedySteps_MatchTheNumpyReference(string id, string architecture, bool float16, double tolerance)
    {
        Assert.True(models.Catalog.TryGetGeneration(id, out var model), $"{id} did not load");
        var prompt = model.Tokenize(Prompt);

        var (engineLogits, engineTokens) = RunEngine(model.Model, prompt);
        var (referenceLogits, referenceTokens) = RunReference(Path.Combine(models.ModelsPath, id), architecture, float16, prompt);

        var largest = 0.0;
        for (var step = 0; step <= Steps; step++)
        {
            var worst = engineLogits[step].Zip(referenceLogits[step], (e, r) => Math.Abs(e - r)).Max();
            Assert.True(worst <= tolerance, $"{id} step {step}: largest logit difference {worst} exceeds {tolerance}");
            largest = Math.Max(largest, worst);
        }

        // Printed by: dotnet test tests/Serverless.Inference.Tests --filter ReferenceForward --logger "console;verbosity=detailed"
        output.WriteLine($"{id}: largest logit difference over {Steps + 1} steps {largest:G3} (bound {tolerance}); logits span {engineLogits.Min(r => r.Min()):F2}..{engineLogits.Max(r => r.Max()):F2}");

        Assert.Equal(referenceTokens, engineTokens);
        Assert.Equal(referenceTokens.Take(8), await SchedulerTokens(model, prompt, 8));
    }

    /// <summary>Prefill, then one token per step with the cache the previous step returned, as the scheduler does.</summary>
    private static (float[][] Logits, int[] Tokens) RunEngine(CausalLm model, IReadOnlyList<int> prompt)
    {
        var logits = new float[Steps + 1][];
        var tokens = new int[Steps + 1];
        var cache = KvCache.Empty(model.Signature, 1);
        long[] input = [.. prompt.Select(t => (long)t)];
        try
        {
            for (var step = 0; step <= Steps; step++)
            {
                var total = cache.Length + input.Length;
                using var result = model.Forward(input, 1, input.Length, [.. Enumerable.Repeat(1L, total)], cache);
                cache.Dispose();
                cache = result.Present;
                logits[step] = result.Row(0).ToArray();
                tokens[step] = TensorPrimitives.IndexOfMax(logits[step]);
                input = [tokens[step]];
            }
        }
        finally
        {
            cache.Dispose();
        }

        return (logits, tokens);
    }

    private static (float[][] Logits, int[] Tokens) RunReference(string folder, string architecture, bool float16, IReadOnlyList<int> prompt)
    {
        var logitsPath = Path.Combine(Path.GetTempPath(), $"reference-logits-{Guid.NewGuid():N}.bin");
        try
        {
            var request = new JsonObject
            {
                ["model"] = folder,
                ["architecture"] = architecture,
                ["heads"] = Gpt2Shape.Tiny.Heads,
                ["float16"] = float16,
                ["prompt"] = new JsonArray([.. prompt.Select(t => JsonValue.Create(t))]),
                ["steps"] = Steps,
                ["logits"] = logitsPath,
            };
            var python = PythonInterpreter.Find("numpy");
            var output = JsonDocument.Parse(PythonInterpreter.RunScript(python, Path.Combine("Reference", "causal_lm_reference.py"), request.ToJsonString()));
            var tokens = output.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray();

            var all = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(logitsPath)).ToArray();
            var vocab = all.Length / (Steps + 1);
            return ([.. all.Chunk(vocab)], tokens);
        }
        finally
        {
            File.Delete(logitsPath);
        }
    }

    private static async Task<int[]> SchedulerTokens(GenerationModel model, IReadOnlyList<int> prompt, int count)
    {
        var tokens = new List<int>();
        var request = new GenerationRequest(prompt, count, new SamplingParameters(Temperature: 0f), []);
        await foreach (var _ in model.GenerateAsync(request, tokens.Add, CancellationToken.None))
        {
        }

        return [.. tokens];
    }
}
