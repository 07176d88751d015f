using Serverless.Inference.Generation.Sampling;

namespace Serverless.Inference.Tests.Generation.Sampling;

public sealed class DistributionTests
{
    // Logits whose softmax at temperature 1 is exactly [0.5, 0.3, 0.15, 0.05].
    private static readonly float[] Logits = [MathF.Log(0.5f), MathF.Log(0.3f), MathF.Log(0.15f), MathF.Log(0.05f)];
    private static readonly Dictionary<int, int> NoneGenerated = [];

    [Fact]
    public void TemperatureOne_IsTheSoftmax()
    {
        AssertProbabilities([0.5f, 0.3f, 0.15f, 0.05f], Compute(new SamplingParameters()));
    }

    [Fact]
    public void TemperatureZero_PutsAllMassOnTheArgmax()
    {
        AssertProbabilities([1f, 0f, 0f, 0f], Compute(new SamplingParameters(Temperature: 0f)));
    }

    [Fact]
    public void LowTemperature_Sharpens_HighTemperature_Flattens()
    {
        var cold = Compute(new SamplingParameters(Temperature: 0.5f));
        var hot = Compute(new SamplingParameters(Temperature: 2f));

        Assert.True(cold[0] > 0.5f && hot[0] < 0.5f);
        Assert.True(cold[3] < 0.05f && hot[3] > 0.05f);
        Assert.Equal(0.25f / (0.25f + 0.09f + 0.0225f + 0.0025f), cold[0], 4);
    }

    [Fact]
    public void TopK_KeepsOnlyTheKMostLikelyRenormalised()
    {
        AssertProbabilities([0.5f / 0.8f, 0.3f / 0.8f, 0f, 0f], Compute(new SamplingParameters(TopK: 2)));
    }

    [Fact]
    public void TopK_Ties_KeepTheLowerTokenId()
    {
        var probabilities = new float[4];
        Distribution.Compute([1f, 2f, 2f, 2f], new SamplingParameters(TopK: 2), NoneGenerated, probabilities);

        AssertProbabilities([0f, 0.5f, 0.5f, 0f], probabilities);
    }

    [Fact]
    public void TopP_KeepsTheSmallestSetReachingP()
    {
        // 0.5 < 0.7, 0.5 + 0.3 ≥ 0.7: the nucleus is the first two.
        AssertProbabilities([0.625f, 0.375f, 0f, 0f], Compute(new SamplingParameters(TopP: 0.7f)));
        // 0.5 alone reaches 0.5.
        AssertProbabilities([1f, 0f, 0f, 0f], Compute(new SamplingParameters(TopP: 0.5f)));
        // A tiny p still keeps the single most likely token.
        AssertProbabilities([1f, 0f, 0f, 0f], Compute(new SamplingParameters(TopP: 0.01f)));
    }

    [Fact]
    public void TopPZero_KeepsOnlyTheMostLikelyToken_AsOpenAIReadsIt()
    {
        AssertProbabilities([1f, 0f, 0f, 0f], Compute(new SamplingParameters(Temperature: 2f, TopP: 0f)));

        var probabilities = new float[4];
        Distribution.Compute([1f, 3f, 2f, 0f], new SamplingParameters(Temperature: 1.5f, TopK: 3, TopP: 0f), NoneGenerated, probabilities);
        AssertProbabilities([0f, 1f, 0f, 0f], probabilities);
    }

    [Fact]
    public void TopKThenTopP_ApplyInThatOrder()
    {
        // top_k 3 renormalises to [0.526, 0.316, 0.158]; 0.526 + 0.316 ≥ 0.8 keeps two.
        AssertProbabilities([0.625f, 0.375f, 0f, 0f], Compute(new SamplingParameters(TopK: 3, TopP: 0.8f)));
    }

    [Fact]
    public void FrequencyPenalty_LowersALogitByCountTimesPenalty()
    {
        var probabilities = Compute(new SamplingParameters(FrequencyPenalty: 0.5f), new Dictionary<int, int> { [0] = 2 });

        // logit0 − 2·0.5: odds of token 0 against token 1 shrink by e^−1.
        Assert.Equal(MathF.Exp(-1f) * 0.5f / 0.3f, probabilities[0] / probabilities[1], 4);
        Assert.Equal(0.3f / 0.15f, probabilities[1] / probabilities[2], 4);
    }

    [Fact]
    public void PresencePenalty_LowersALogitOnceWhateverTheCount()
    {
        var once = Compute(new SamplingParameters(PresencePenalty: 0.7f), new Dictionary<int, int> { [0] = 1 });
        var thrice = Compute(new SamplingParameters(PresencePenalty: 0.7f), new Dictionary<int, int> { [0] = 3 });

        Assert.Equal(MathF.Exp(-0.7f) * 0.5f / 0.3f, once[0] / once[1], 4);
        AssertProbabilities(once, thrice);
    }

    [Fact]
    public void BothPenalties_AddUp_AndNegativeValuesEncourageRepeats()
    {
        var both = Compute(new SamplingParameters(FrequencyPenalty: 0.2f, PresencePenalty: 0.4f), new Dictionary<int, int> { [1] = 3 });
        var negative = Compute(new SamplingParameters(FrequencyPenalty: -1f), new Dictionary<int, int> { [3] = 1 });

        Assert.Equal(MathF.Exp(-1f) * 0.3f / 0.5f, both[1] / both[0], 4);
        Assert.Equal(MathF.E * 0.05f / 0.5f, negative[3] / negative[0], 4);
    }

    [Fact]
    public void Penalties_ApplyBeforeGreedy()
    {
        var probabilities = Compute(new SamplingParameters(Temperature: 0f, FrequencyPenalty: 2f), new Dictionary<int, int> { [0] = 1 });

        AssertProbabilities([0f, 1f, 0f, 0f], probabilities);
    }

    private static float[] Compute(SamplingParameters parameters, IReadOnlyDictionary<int, int>? generated = null)
    {
        var probabilities = new float[Logits.Length];
        Distribution.Compute(Logits, parameters, generated ?? NoneGenerated, probabilities);
        return probabilities;
    }

    private static void AssertProbabilities(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"p[{i}] = {actual[i]}, expected {expected[i]}");
        }
    }
}
