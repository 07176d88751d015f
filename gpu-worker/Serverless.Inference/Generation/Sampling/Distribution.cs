using System.Numerics.Tensors;

namespace Serverless.Inference.Generation.Sampling;

/// <summary>
/// The next-token distribution OpenAI's parameters describe: penalties on the logits of tokens generated so
/// far, then temperature (0 = all mass on the argmax), then top_k, then top_p, renormalised.
/// </summary>
internal static class Distribution
{
    public static void Compute(ReadOnlySpan<float> logits, SamplingParameters parameters, IReadOnlyDictionary<int, int> generatedCounts, Span<float> probabilities)
    {
        logits.CopyTo(probabilities);
        ApplyPenalties(probabilities, parameters, generatedCounts);

        if (parameters.Temperature <= 0f)
        {
            var best = TensorPrimitives.IndexOfMax((ReadOnlySpan<float>)probabilities);
            probabilities.Clear();
            probabilities[best] = 1f;
            return;
        }

        // Softmax at temperature T, shifted by the max so exp never overflows.
        var max = TensorPrimitives.Max((ReadOnlySpan<float>)probabilities);
        TensorPrimitives.Subtract(probabilities, max, probabilities);
        TensorPrimitives.Multiply(probabilities, 1f / parameters.Temperature, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);

        if (parameters.TopK > 0 && parameters.TopK < probabilities.Length)
        {
            KeepTopK(probabilities, parameters.TopK);
        }

        if (parameters.TopP < 1f)
        {
            KeepNucleus(probabilities, parameters.TopP);
        }

        TensorPrimitives.Divide(probabilities, TensorPrimitives.Sum((ReadOnlySpan<float>)probabilities), probabilities);
    }

    /// <summary>OpenAI: logit[j] −= count[j]·frequency_penalty + (count[j] &gt; 0)·presence_penalty.</summary>
    private static void ApplyPenalties(Span<float> logits, SamplingParameters parameters, IReadOnlyDictionary<int, int> generatedCounts)
    {
        if (parameters.FrequencyPenalty == 0f && parameters.PresencePenalty == 0f)
        {
            return;
        }

        foreach (var (token, count) in generatedCounts)
        {
            logits[token] -= (count * parameters.FrequencyPenalty) + (count > 0 ? parameters.PresencePenalty : 0f);
        }
    }

    /// <summary>Zeroes all but the k most likely tokens; among equal weights the lower token id stays.</summary>
    private static void KeepTopK(Span<float> weights, int k)
    {
        // A min-heap of the k best so far: O(V log k) instead of sorting the whole vocabulary.
        var heap = new PriorityQueue<int, (float Weight, int Token)>(k + 1, TopKComparer.Instance);
        for (var token = 0; token < weights.Length; token++)
        {
            var entry = (weights[token], token);
            if (heap.Count < k)
            {
                heap.Enqueue(token, entry);
            }
            else if (heap.TryPeek(out _, out var weakest) && TopKComparer.Instance.Compare(entry, weakest) > 0)
            {
                heap.DequeueEnqueue(token, entry);
            }
        }

        var kept = new HashSet<int>(k);
        while (heap.TryDequeue(out var token, out _))
        {
            kept.Add(token);
        }

        for (var token = 0; token < weights.Length; token++)
        {
            if (!kept.Contains(token))
            {
                weights[token] = 0f;
            }
        }
    }

    /// <summary>Keeps the smallest set of most likely tokens whose mass reaches <paramref name="topP"/> of the total.</summary>
    private static void KeepNucleus(Span<float> weights, float topP)
    {
        var candidates = 0;
        foreach (var weight in weights)
        {
            if (weight > 0f)
            {
                candidates++;
            }
        }

        var keys = new float[candidates];
        var tokens = new int[candidates];
        var total = 0.0;
        for (int token = 0, n = 0; token < weights.Length; token++)
        {
            if (weights[token] > 0f)
            {
                keys[n] = -weights[token];
                tokens[n++] = token;
                total += weights[token];
            }
        }

        Array.Sort(keys, tokens);
        var threshold = topP * total;
        var cumulative = 0.0;
        var keep = 0;
        while (keep < candidates && cumulative < threshold)
        {
            cumulative -= keys[keep++];
        }

        for (var i = Math.Max(keep, 1); i < candidates; i++)
        {
            weights[tokens[i]] = 0f;
        }
    }

    private sealed class TopKComparer : IComparer<(float Weight, int Token)>
    {
        public static readonly TopKComparer Instance = new();

        /// <summary>The heap's minimum is the first to drop: the lowest weight, and among equals the highest token id.</summary>
        public int Compare((float Weight, int Token) x, (float Weight, int Token) y)
        {
            var byWeight = x.Weight.CompareTo(y.Weight);
            return byWeight != 0 ? byWeight : y.Token.CompareTo(x.Token);
        }
    }
}
