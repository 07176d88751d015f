using Microsoft.ML.OnnxRuntime;
using Serverless.Inference.Embeddings;
using Serverless.Inference.Tokenization;

namespace Serverless.Inference;

/// <summary>A loaded sentence encoder: token counting and batched, pooled, optionally normalised vectors.</summary>
public sealed class EmbeddingModel
{
    /// <summary>Inputs per forward pass: bounds the padded tensor when a request sends thousands of strings.</summary>
    private const int ChunkSize = 32;

    private readonly InferenceSession session;
    private readonly EmbeddingSignature signature;

    internal EmbeddingModel(ModelManifest manifest, InferenceSession session, TextTokenizer tokenizer, EmbeddingSignature signature)
    {
        Manifest = manifest;
        this.session = session;
        Tokenizer = tokenizer;
        this.signature = signature;
        Dimensions = manifest.Dimensions ?? signature.HiddenSize;
    }

    /// <summary>The model's model.json.</summary>
    public ModelManifest Manifest { get; }

    internal TextTokenizer Tokenizer { get; }

    /// <summary>Length of every vector.</summary>
    public int Dimensions { get; }

    /// <summary>Tokens the model would read for <paramref name="text"/>, special tokens included, before truncation to the context length.</summary>
    public int CountTokens(string text) => Tokenizer.Encode(text).Count;

    /// <summary>One vector per input, in order; inputs longer than the context length are truncated.</summary>
    public EmbeddingBatch Embed(IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var vectors = new List<float[]>(inputs.Count);
        var promptTokens = 0;
        for (var start = 0; start < inputs.Count; start += ChunkSize)
        {
            var chunk = new List<IReadOnlyList<int>>();
            for (var i = start; i < Math.Min(start + ChunkSize, inputs.Count); i++)
            {
                var ids = Truncate(Tokenizer.Encode(inputs[i]));
                promptTokens += ids.Count;
                chunk.Add(ids);
            }

            vectors.AddRange(EmbeddingRunner.Run(session, signature, chunk, Manifest.Pooling, Manifest.Normalize));
        }

        return new EmbeddingBatch(vectors, promptTokens);
    }

    internal void Shutdown() => session.Dispose();

    /// <summary>Keeps the first context_length tokens; a sequence that ends with a special token (BERT's [SEP]) keeps it last.</summary>
    private IReadOnlyList<int> Truncate(IReadOnlyList<int> ids)
    {
        var limit = Manifest.ContextLength;
        if (ids.Count <= limit)
        {
            return ids;
        }

        var kept = ids.Take(limit).ToArray();
        if (Tokenizer.IsSpecial(ids[^1]))
        {
            kept[^1] = ids[^1];
        }

        return kept;
    }
}
