using Serverless.Inference.Generation.Sampling;

namespace Serverless.Inference.Tests.Generation.Sampling;

public sealed class TokenSamplerTests
{
    private static readonly float[] Logits = [MathF.Log(0.5f), MathF.Log(0.3f), MathF.Log(0.15f), MathF.Log(0.05f)];

    [Fact]
    public void SameSeed_DrawsTheSameTokens_DifferentSeedsDiffer()
    {
        var first = Draws(new SamplingParameters(Seed: 1234), 64);
        var again = Draws(new SamplingParameters(Seed: 1234), 64);
        var other = Draws(new SamplingParameters(Seed: 1235), 64);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Draws_FollowTheDistribution()
    {
        var counts = new int[Logits.Length];
        foreach (var token in Draws(new SamplingParameters(Seed: 7), 20_000))
        {
            counts[token]++;
        }

        float[] expected = [0.5f, 0.3f, 0.15f, 0.05f];
        for (var i = 0; i < counts.Length; i++)
        {
            Assert.InRange(counts[i] / 20_000f, expected[i] - 0.015f, expected[i] + 0.015f);
        }
    }

    [Fact]
    public void TopK_NeverDrawsOutsideTheTopK()
    {
        Assert.All(Draws(new SamplingParameters(TopK: 2, Seed: 3), 2_000), t => Assert.InRange(t, 0, 1));
    }

    [Fact]
    public void FrequencyPenalty_CountsTheSamplersOwnDraws()
    {
        // Greedy with a strong frequency penalty cannot repeat a token until the others are used as often.
        var tokens = Draws(new SamplingParameters(Temperature: 0f, FrequencyPenalty: 10f), 4);

        Assert.Equal([0, 1, 2, 3], tokens);
    }

    [Fact]
    public void Draw_WalksTheCumulativeMass()
    {
        float[] probabilities = [0f, 0.25f, 0f, 0.75f];

        Assert.Equal(1, TokenSampler.Draw(probabilities, 0.0));
        Assert.Equal(1, TokenSampler.Draw(probabilities, 0.2499));
        Assert.Equal(3, TokenSampler.Draw(probabilities, 0.25));
        Assert.Equal(3, TokenSampler.Draw(probabilities, 0.99999999));
    }

    private static int[] Draws(SamplingParameters parameters, int count)
    {
        var sampler = new TokenSampler(parameters);
        return [.. Enumerable.Range(0, count).Select(_ => sampler.Next(Logits))];
    }
}
