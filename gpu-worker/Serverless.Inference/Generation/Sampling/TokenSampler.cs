using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Serverless.Inference.Generation.Sampling;

/// <summary>
/// Draws one sequence's tokens. Each sequence owns its sampler and its random generator, so a seeded
/// request draws the same tokens whatever else shares its batch.
/// </summary>
internal sealed class TokenSampler
{
    private readonly SamplingParameters parameters;
    private readonly Random random;
    private readonly Dictionary<int, int> generatedCounts = [];
    private float[] probabilities = [];

    public TokenSampler(SamplingParameters parameters)
    {
        this.parameters = parameters;
        random = parameters.Seed is { } seed ? new Random(FoldSeed(seed)) : new Random();
    }

    /// <summary>Picks the next token from one row of logits and counts it for the penalties.</summary>
    public int Next(ReadOnlySpan<float> logits)
    {
        var token = IsPlainGreedy ? TensorPrimitives.IndexOfMax(logits) : Choose(logits);
        CollectionsMarshal.GetValueRefOrAddDefault(generatedCounts, token, out _)++;
        return token;
    }

    /// <summary>Greedy without penalties needs no distribution: the argmax of the raw logits.</summary>
    private bool IsPlainGreedy => parameters.Temperature <= 0f && parameters.FrequencyPenalty == 0f && parameters.PresencePenalty == 0f;

    private int Choose(ReadOnlySpan<float> logits)
    {
        if (probabilities.Length != logits.Length)
        {
            probabilities = new float[logits.Length];
        }

        Distribution.Compute(logits, parameters, generatedCounts, probabilities);
        return Draw(probabilities, parameters.Temperature <= 0f ? 0.0 : random.NextDouble());
    }

    /// <summary>The token where the cumulative probability first passes <paramref name="uniform"/> ∈ [0, 1).</summary>
    internal static int Draw(ReadOnlySpan<float> probabilities, double uniform)
    {
        var cumulative = 0.0;
        var last = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] <= 0f)
            {
                continue;
            }

            last = i;
            cumulative += probabilities[i];
            if (uniform < cumulative)
            {
                return i;
            }
        }

        // Rounding can leave the total a hair under 1; the last candidate takes that sliver.
        return last >= 0 ? last : TensorPrimitives.IndexOfMax(probabilities);
    }

    /// <summary><see cref="Random(int)"/> takes 32 bits; fold both halves so seeds differing only high still differ.</summary>
    private static int FoldSeed(long seed) => (int)(seed ^ (seed >>> 32));
}
