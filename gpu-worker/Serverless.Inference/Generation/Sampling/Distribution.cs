using System.Numerics.Tensors;

namespace Serverless.Inference.Generation.Sampling;

/// <summary>
/// The next-token distribution OpenAI's parameters describe: penalties on the logits of tokens generated so
/// far, then temperature (0 = all mass on the argmax), then top_k, then top_p (0 = the most likely token only, as
/// OpenAI reads it), renormalised.
/// </summary>
/// <remarks>
/// This runs once per sequence per token over the whole vocabulary, so each stage is a vectorised pass or a
/// single scalar pass. top_k is cut on the logits (same order as the probabilities) and the rest works on the k
/// survivors; top_p sorts only the tokens that can be in the nucleus.
/// </remarks>
internal static class Distribution
{
    public static void Compute(ReadOnlySpan<float> logits, SamplingParameters parameters, IReadOnlyDictionary<int, int> generatedCounts, Span<float> probabilities)
    {
        logits.CopyTo(probabilities);
        ApplyPenalties(probabilities, parameters, generatedCounts);

        if (parameters.Temperature <= 0f || parameters.TopP <= 0f)
        {
            var best = TensorPrimitives.IndexOfMax((ReadOnlySpan<float>)probabilities);
            probabilities.Clear();
            probabilities[best] = 1f;
            return;
        }

        if (parameters.TopK > 0 && parameters.TopK < probabilities.Length)
        {
            ComputeTopK(probabilities, parameters);
            return;
        }

        // Softmax at temperature T, shifted by the max so exp never overflows.
        var max = TensorPrimitives.Max((ReadOnlySpan<float>)probabilities);
        TensorPrimitives.Subtract(probabilities, max, probabilities);
        TensorPrimitives.Multiply(probabilities, 1f / parameters.Temperature, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        if (parameters.TopP < 1f)
        {
            KeepNucleus(probabilities, parameters.TopP);
        }

        TensorPrimitives.Divide(probabilities, TensorPrimitives.Sum((ReadOnlySpan<float>)probabilities), probabilities);
    }

    /// <summary>With top_k only k tokens can win: the softmax and top_p run over those k, not the vocabulary.</summary>
    private static void ComputeTopK(Span<float> logits, SamplingParameters parameters)
    {
        var tokens = TopK(logits, parameters.TopK);
        var weights = new float[tokens.Length];
        var max = float.NegativeInfinity;
        foreach (var token in tokens)
        {
            max = MathF.Max(max, logits[token]);
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            weights[i] = MathF.Exp((logits[tokens[i]] - max) / parameters.Temperature);
        }

        if (parameters.TopP < 1f)
        {
            KeepNucleus(weights, parameters.TopP);
        }

        var total = TensorPrimitives.Sum((ReadOnlySpan<float>)weights);
        logits.Clear();
        for (var i = 0; i < tokens.Length; i++)
        {
            logits[tokens[i]] = weights[i] / total;
        }
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

    /// <summary>The k tokens with the highest logits; among equal logits the lower token id wins.</summary>
    private static int[] TopK(ReadOnlySpan<float> logits, int k)
    {
        // A min-heap of the k best so far; most tokens lose to its weakest at a glance, so this is one pass.
        var heap = new PriorityQueue<int, (float Logit, int Token)>(k + 1, TopKComparer.Instance);
        var weakest = (Logit: float.NegativeInfinity, Token: int.MaxValue);
        for (var token = 0; token < logits.Length; token++)
        {
            var entry = (logits[token], token);
            if (heap.Count < k)
            {
                heap.Enqueue(token, entry);
                weakest = heap.Count == k ? Weakest(heap) : weakest;
            }
            else if (logits[token] >= weakest.Logit && TopKComparer.Instance.Compare(entry, weakest) > 0)
            {
                heap.DequeueEnqueue(token, entry);
                weakest = Weakest(heap);
            }
        }

        return [.. heap.UnorderedItems.Select(item => item.Element)];
    }

    private static (float Logit, int Token) Weakest(PriorityQueue<int, (float Logit, int Token)> heap) =>
        heap.TryPeek(out _, out var weakest) ? weakest : (float.NegativeInfinity, int.MaxValue);

    /// <summary>Keeps the smallest set of most likely tokens whose mass reaches <paramref name="topP"/> of the total.</summary>
    private static void KeepNucleus(Span<float> weights, float topP)
    {
        var total = 0.0;
        var max = 0f;
        foreach (var weight in weights)
        {
            total += weight;
            max = MathF.Max(max, weight);
        }

        // Lower a cut until the weights above it hold the target mass: the nucleus lies among those, and a
        // peaked distribution has few of them, so only they are sorted.
        var target = topP * total;
        var cut = max;
        while (cut > 0f && MassAtOrAbove(weights, cut) < target)
        {
            cut = cut < 1e-30f ? 0f : cut / 64f;
        }

        var candidates = new List<(float Weight, int Token)>();
        for (var token = 0; token < weights.Length; token++)
        {
            if (weights[token] >= cut && weights[token] > 0f)
            {
                candidates.Add((weights[token], token));
            }
            else
            {
                weights[token] = 0f;
            }
        }

        // Heaviest first; equal weights keep the lower token id first so the cut is deterministic.
        candidates.Sort((x, y) => x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Token.CompareTo(y.Token));
        var cumulative = 0.0;
        var keep = 0;
        while (keep < candidates.Count && cumulative < target)
        {
            cumulative += candidates[keep++].Weight;
        }

        for (var i = Math.Max(keep, 1); i < candidates.Count; i++)
        {
            weights[candidates[i].Token] = 0f;
        }
    }

    private static double MassAtOrAbove(ReadOnlySpan<float> weights, float cut)
    {
        var mass = 0.0;
        foreach (var weight in weights)
        {
            if (weight >= cut)
            {
                mass += weight;
            }
        }

        return mass;
    }

    private sealed class TopKComparer : IComparer<(float Logit, int Token)>
    {
        public static readonly TopKComparer Instance = new();

        /// <summary>Weaker first: the lower logit, and among equals the higher token id.</summary>
        public int Compare((float Logit, int Token) x, (float Logit, int Token) y)
        {
            var byLogit = x.Logit.CompareTo(y.Logit);
            return byLogit != 0 ? byLogit : y.Token.CompareTo(x.Token);
        }
    }
}
