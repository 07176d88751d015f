using System.Numerics.Tensors;

namespace Serverless.Inference.Generation.Sampling;

/// <summary>Log probabilities from one row of logits: the sampled token's and the <c>k</c> largest, without sorting the row.</summary>
internal static class LogSoftmax
{
    public static TokenLogprob Of(ReadOnlySpan<float> logits, int token, int alternatives, ref float[] scratch)
    {
        if (scratch.Length != logits.Length)
        {
            scratch = new float[logits.Length];
        }

        // log p_i = l_i - (max + log Σ exp(l_j - max)): shifting by the max keeps exp from overflowing.
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        var normalizer = max + MathF.Log(TensorPrimitives.Sum(scratch));
        return new TokenLogprob(token, logits[token] - normalizer, Largest(logits, alternatives, normalizer));
    }

    /// <summary>The <paramref name="count"/> largest finite logits as log probabilities, largest first (ties: lower id first); fewer when fewer are finite.</summary>
    private static TokenAlternative[] Largest(ReadOnlySpan<float> logits, int count, float normalizer)
    {
        count = Math.Min(count, logits.Length);
        if (count == 0)
        {
            return [];
        }

        // A small sorted window: the row is read once, and each logit costs one comparison unless it enters the top.
        var ids = new int[count];
        var values = new float[count];
        var filled = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var value = logits[i];
            if ((filled == count && value <= values[count - 1]) || float.IsNegativeInfinity(value))
            {
                // A token at −∞ (refused by a constraint's mask) has no probability to show.
                continue;
            }

            var at = filled < count ? filled++ : count - 1;
            while (at > 0 && values[at - 1] < value)
            {
                ids[at] = ids[at - 1];
                values[at] = values[at - 1];
                at--;
            }

            ids[at] = i;
            values[at] = value;
        }

        var top = new TokenAlternative[filled];
        for (var i = 0; i < filled; i++)
        {
            top[i] = new TokenAlternative(ids[i], values[i] - normalizer);
        }

        return top;
    }
}
