using System.Diagnostics;

namespace Serverless.Inference.Benchmarks;

/// <summary>One measurement: <c>concurrent</c> requests started together, run to max_tokens, sampled with a seed each.</summary>
internal sealed record Wave(int Tokens, TimeSpan Elapsed, TimeSpan FirstTokenP50)
{
    private const string Prompt = "In a quiet village at the edge of the forest, the old clockmaker told the children a story about";

    public double TokensPerSecond => Tokens / Elapsed.TotalSeconds;

    public static async Task<Wave> RunAsync(GenerationModel model, int concurrent, int maxTokens)
    {
        var prompt = model.Tokenize(Prompt);
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, concurrent).Select(i => Task.Run(async () =>
        {
            var request = new GenerationRequest(prompt, maxTokens, new SamplingParameters(Temperature: 0.8f, TopK: 40, Seed: i), []);
            TimeSpan? firstToken = null;
            var tokens = 0;
            await foreach (var chunk in model.GenerateAsync(request))
            {
                firstToken ??= clock.Elapsed;
                tokens = chunk.CompletionTokens;
            }

            return (Tokens: tokens, FirstToken: firstToken ?? clock.Elapsed);
        })));
        var elapsed = clock.Elapsed;
        var firstTokens = runs.Select(r => r.FirstToken).Order().ToArray();
        return new Wave(runs.Sum(r => r.Tokens), elapsed, firstTokens[(firstTokens.Length - 1) / 2]);
    }
}
