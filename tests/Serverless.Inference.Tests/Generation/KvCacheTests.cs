using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.Inference.Generation;

namespace Serverless.Inference.Tests.Generation;

public sealed class KvCacheTests
{
    // One layer, two heads of width 2: [batch, 2, length, 2].
    private static readonly CausalLmSignature Signature = new(1, 2, 2, 10, TensorElementType.Float, TensorElementType.Float, TensorElementType.Int64, TensorElementType.Int64, TensorElementType.Int64);

    [Fact]
    public void Gather_LeftPadsEachRowToTheLongest_KeepingItsRealPositionsRightmost()
    {
        using var shortOne = Cache(batch: 1, length: 1, firstValue: 100);
        using var batch = Cache(batch: 2, length: 3, firstValue: 0);

        // Row 1 of the batch has 2 real positions (its first is padding); the new sequence has 1.
        using var gathered = KvCache.Gather(Signature, [new KvRow(batch, 1, 2), new KvRow(shortOne, 0, 1)]);

        Assert.Equal((2, 2), (gathered.Batch, gathered.Length));
        var key = gathered.Values[0].GetTensorDataAsSpan<float>().ToArray();
        float[] expected =
        [
            // row 0 = old row 1, head 0: positions 1..2 of the source; head 1 likewise.
            14, 15, 16, 17, 20, 21, 22, 23,
            // row 1 = the prefilled sequence: one pad position (zeros), then its only position.
            0, 0, 100, 101, 0, 0, 102, 103,
        ];
        Assert.Equal(expected, key);
    }

    [Fact]
    public void Gather_Fp16Cache_CopiesHalfWidthElements()
    {
        var signature = Signature with { KvType = TensorElementType.Float16 };
        using var source = Cache(batch: 1, length: 2, firstValue: 1, signature);

        using var gathered = KvCache.Gather(signature, [new KvRow(source, 0, 1), new KvRow(source, 0, 2)]);

        var values = gathered.Values[1].GetTensorDataAsSpan<Float16>().ToArray().Select(h => h.ToFloat()).ToArray();
        Assert.Equal([0, 0, 3, 4, 0, 0, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8], values);
    }

    [Fact]
    public void PositionIds_FollowTheMask_PaddingGetsOne()
    {
        long[] mask = [0, 0, 1, 1, 1, /* row 2 */ 1, 1, 1, 1, 1];

        Assert.Equal([1, 0, 1, 2, 0, 1, 2, 3, 4], CausalLm.PositionIds(mask, 2, 5, 5)[1..]);
        Assert.Equal([2, 4], CausalLm.PositionIds(mask, 2, 1, 5));
    }

    /// <summary>A cache whose elements count up from <paramref name="firstValue"/> in memory order, in every layer and kind.</summary>
    private static KvCache Cache(int batch, int length, float firstValue, CausalLmSignature? signature = null)
    {
        signature ??= Signature;
        var count = batch * signature.KvHeads * length * signature.HeadDim;
        var values = new OrtValue[2];
        for (var v = 0; v < values.Length; v++)
        {
            long[] shape = [batch, signature.KvHeads, length, signature.HeadDim];
            values[v] = signature.KvType == TensorElementType.Float16
                ? OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, count).Select(i => (Float16)(float)(firstValue + i)).ToArray(), shape)
                : OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, count).Select(i => firstValue + i).ToArray(), shape);
        }

        return new KvCache(values, batch, length);
    }
}
