using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Inference.Embeddings;

/// <summary>One padded forward pass over a few inputs, then pooling over the attention mask and L2 normalisation.</summary>
internal static class EmbeddingRunner
{
    public static IEnumerable<float[]> Run(InferenceSession session, EmbeddingSignature signature, IReadOnlyList<IReadOnlyList<int>> sequences, string pooling, bool normalize)
    {
        var batch = sequences.Count;
        var length = Math.Max(1, sequences.Max(s => s.Count));
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < sequences[b].Count; t++)
            {
                ids[(b * length) + t] = sequences[b][t];
                mask[(b * length) + t] = 1;
            }
        }

        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            foreach (var (name, type) in signature.Inputs)
            {
                var data = name switch
                {
                    EmbeddingSignature.InputIds => ids,
                    EmbeddingSignature.AttentionMask => mask,
                    _ => new long[batch * length], // token_type_ids: one segment
                };
                names.Add(name);
                values.Add(type == TensorElementType.Int32
                    ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(data, v => (int)v), [batch, length])
                    : OrtValue.CreateTensorValueFromMemory(data, [batch, length]));
            }

            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, names, values, [signature.Output]);
            return Pool(outputs[0], signature, mask, batch, length, pooling, normalize);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    private static List<float[]> Pool(OrtValue hidden, EmbeddingSignature signature, long[] mask, int batch, int length, string pooling, bool normalize)
    {
        var size = (int)hidden.GetTensorTypeAndShape().Shape[2];
        var states = new float[batch * length * size];
        var raw = hidden.GetTensorMutableRawData();
        if (signature.OutputType == TensorElementType.Float16)
        {
            TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(raw), states);
        }
        else
        {
            MemoryMarshal.Cast<byte, float>(raw).CopyTo(states);
        }

        var vectors = new List<float[]>(batch);
        for (var b = 0; b < batch; b++)
        {
            var vector = new float[size];
            if (pooling == "cls")
            {
                states.AsSpan(b * length * size, size).CopyTo(vector);
            }
            else
            {
                var count = 0;
                for (var t = 0; t < length; t++)
                {
                    if (mask[(b * length) + t] != 0)
                    {
                        TensorPrimitives.Add(vector, states.AsSpan(((b * length) + t) * size, size), vector);
                        count++;
                    }
                }

                TensorPrimitives.Divide(vector, Math.Max(count, 1), vector);
            }

            if (normalize)
            {
                var norm = TensorPrimitives.Norm(vector);
                if (norm > 0f)
                {
                    TensorPrimitives.Divide(vector, norm, vector);
                }
            }

            vectors.Add(vector);
        }

        return vectors;
    }
}
