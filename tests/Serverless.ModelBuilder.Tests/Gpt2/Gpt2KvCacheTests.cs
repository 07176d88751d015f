using Serverless.ModelBuilder.Tests.CausalLm;
namespace Serverless.ModelBuilder.Tests.Gpt2;

[Collection(TinyModelCollection.Name)]
public sealed class Gpt2KvCacheTests(TinyModelFixture model)
{
    private static readonly long[] Tokens = [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13];

    [Theory]
    [InlineData(false, 4, 1e-4)]
    [InlineData(false, 1, 1e-4)]
    // fp16 rounds the cached keys and values that the full pass keeps in fp32, so it gets a looser bound.
    [InlineData(true, 4, 2e-2)]
    public void IncrementalDecode_MatchesFullSequencePass(bool float16, int prefill, double tolerance)
    {
        using var session = new CausalLmSession(model.ModelPath(float16));
        using var full = session.Run(1, Tokens, Ones(Tokens.Length), Positions(0, Tokens.Length));

        var step = session.Run(1, Tokens[..prefill], Ones(prefill), Positions(0, prefill));
        try
        {
            AssertClose(full.Logits(0, prefill - 1), step.LastLogits(0), tolerance);
            for (var t = prefill; t < Tokens.Length; t++)
            {
                var next = session.Run(1, [Tokens[t]], Ones(t + 1), [t], step);
                step.Dispose();
                step = next;
                AssertClose(full.Logits(0, t), step.LastLogits(0), tolerance);
            }
        }
        finally
        {
            step.Dispose();
        }
    }

    [Fact]
    public void Logits_DependOnTheWholePrompt()
    {
        using var session = new CausalLmSession(model.ModelPath(float16: false));
        using var a = session.Run(1, [464, 2068, 7586], Ones(3), Positions(0, 3));
        using var b = session.Run(1, [818, 2068, 7586], Ones(3), Positions(0, 3));

        Assert.NotEqual(a.LastLogits(0), b.LastLogits(0));
    }

    internal static long[] Ones(int count) => [.. Enumerable.Repeat(1L, count)];

    internal static long[] Positions(int start, int count) => [.. Enumerable.Range(start, count).Select(p => (long)p)];

    internal static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"largest logit difference {worst} exceeds {tolerance}");
    }
}
