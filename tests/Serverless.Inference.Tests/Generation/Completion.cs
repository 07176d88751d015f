using System.Collections.Concurrent;

namespace Serverless.Inference.Tests.Generation;

/// <summary>A whole streamed completion: its chunks, text, sampled token ids and how it ended.</summary>
internal sealed record Completion(IReadOnlyList<GenerationChunk> Chunks, IReadOnlyList<int> Tokens)
{
    public string Text => string.Concat(Chunks.Select(c => c.Text));

    public FinishReason? FinishReason => Chunks[^1].FinishReason;

    public int CompletionTokens => Chunks[^1].CompletionTokens;

    public static async Task<Completion> RunAsync(GenerationModel model, GenerationRequest request, Action<int>? onToken = null, CancellationToken cancellationToken = default)
    {
        var tokens = new ConcurrentQueue<int>();
        var chunks = new List<GenerationChunk>();
        await foreach (var chunk in model.GenerateAsync(request, t => { tokens.Enqueue(t); onToken?.Invoke(t); }, cancellationToken))
        {
            chunks.Add(chunk);
        }

        return new Completion(chunks, [.. tokens]);
    }

    public static GenerationRequest Greedy(GenerationModel model, string prompt, int maxTokens, params string[] stop) =>
        new(model.Tokenize(prompt), maxTokens, new SamplingParameters(Temperature: 0f), stop);
}
