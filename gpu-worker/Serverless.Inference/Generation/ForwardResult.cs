using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Serverless.Inference.Generation;

/// <summary>
/// One forward pass's output: the logits as the session returned them, read in place (fp32) so a batch step
/// copies nothing, and the grown cache, which the caller takes over.
/// </summary>
internal sealed class ForwardResult : IDisposable
{
    private readonly OrtValue logits;
    private readonly int sequence;
    private readonly float[]? converted;

    public ForwardResult(OrtValue logits, int batch, int sequence, bool float16, KvCache present)
    {
        this.logits = logits;
        this.sequence = sequence;
        Present = present;
        VocabSize = (int)logits.GetTensorTypeAndShape().Shape[2];
        if (float16)
        {
            // fp16 logits are widened once, last positions only, into a pooled buffer.
            var halves = MemoryMarshal.Cast<byte, Half>(logits.GetTensorMutableRawData());
            converted = ArrayPool<float>.Shared.Rent(batch * VocabSize);
            for (var b = 0; b < batch; b++)
            {
                TensorPrimitives.ConvertToSingle(halves.Slice(LastPosition(b), VocabSize), converted.AsSpan(b * VocabSize, VocabSize));
            }
        }
    }

    public int VocabSize { get; }

    public KvCache Present { get; }

    /// <summary>The logits of row <paramref name="row"/>'s last position.</summary>
    public ReadOnlySpan<float> Row(int row) => converted is not null
        ? converted.AsSpan(row * VocabSize, VocabSize)
        : MemoryMarshal.Cast<byte, float>(logits.GetTensorMutableRawData()).Slice(LastPosition(row), VocabSize);

    /// <summary>Releases the logits; <see cref="Present"/> stays alive.</summary>
    public void Dispose()
    {
        logits.Dispose();
        if (converted is not null)
        {
            ArrayPool<float>.Shared.Return(converted);
        }
    }

    private int LastPosition(int row) => ((row * sequence) + sequence - 1) * VocabSize;
}
