using Serverless.ModelBuilder.Tests.CausalLm;
namespace Serverless.ModelBuilder.Tests.Gpt2;

[Collection(TinyModelCollection.Name)]
public sealed class Gpt2LeftPaddingTests(TinyModelFixture model)
{
    private const long Pad = 50256;
    private static readonly long[] Long = [464, 2068, 7586, 21831, 18045, 625, 262];
    private static readonly long[] Short = [40, 588, 1310];

    [Theory]
    [InlineData(false, 1e-4)]
    [InlineData(true, 2e-2)]
    public void LeftPaddedBatch_MatchesEachPromptAlone_ThroughPrefillAndDecode(bool float16, double tolerance)
    {
        using var session = new CausalLmSession(model.ModelPath(float16));
        var padding = Long.Length - Short.Length;

        // Row 1 is left padded; its positions count from 0 at the first real token, padding gets position 0.
        long[] ids = [.. Long, .. Enumerable.Repeat(Pad, padding), .. Short];
        long[] mask = [.. Ones(Long.Length), .. Enumerable.Repeat(0L, padding), .. Ones(Short.Length)];
        long[] positions = [.. Positions(0, Long.Length), .. Enumerable.Repeat(0L, padding), .. Positions(0, Short.Length)];

        using var batch = session.Run(2, ids, mask, positions);
        using var longAlone = session.Run(1, Long, Ones(Long.Length), Positions(0, Long.Length));
        using var shortAlone = session.Run(1, Short, Ones(Short.Length), Positions(0, Short.Length));

        Gpt2KvCacheTests.AssertClose(longAlone.LastLogits(0), batch.LastLogits(0), tolerance);
        Gpt2KvCacheTests.AssertClose(shortAlone.LastLogits(0), batch.LastLogits(1), tolerance);
        // Padding query rows see only masked keys: the large-negative score keeps them finite.
        Assert.All(batch.Logits(1, 0), value => Assert.True(float.IsFinite(value)));

        // One decode step on the batch's cache, the mask growing by one real column per row.
        using var batchNext = session.Run(2, [13, 11], [.. mask[..Long.Length], 1, .. mask[Long.Length..], 1], [Long.Length, Short.Length], batch);
        using var longNext = session.Run(1, [13], Ones(Long.Length + 1), [Long.Length], longAlone);
        using var shortNext = session.Run(1, [11], Ones(Short.Length + 1), [Short.Length], shortAlone);

        Gpt2KvCacheTests.AssertClose(longNext.LastLogits(0), batchNext.LastLogits(0), tolerance);
        Gpt2KvCacheTests.AssertClose(shortNext.LastLogits(0), batchNext.LastLogits(1), tolerance);
    }

    private static long[] Ones(int count) => Gpt2KvCacheTests.Ones(count);

    private static long[] Positions(int start, int count) => Gpt2KvCacheTests.Positions(start, count);
}
