using System.Buffers.Binary;
using Google.Protobuf;
using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.Onnx;

/// <summary>Creates initializer tensors; data always goes in <c>raw_data</c>, little-endian, as the ONNX spec requires.</summary>
internal static class OnnxTensors
{
    public static TensorProto Float32(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return Create(name, dims, TensorProto.Types.DataType.Float, bytes);
    }

    public static TensorProto Float16(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            // Round-to-nearest-even conversion: deterministic on every platform.
            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)values[i]);
        }

        return Create(name, dims, TensorProto.Types.DataType.Float16, bytes);
    }

    public static TensorProto Int64(string name, ReadOnlySpan<long> dims, ReadOnlySpan<long> values)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }

        return Create(name, dims, TensorProto.Types.DataType.Int64, bytes);
    }

    private static TensorProto Create(string name, ReadOnlySpan<long> dims, TensorProto.Types.DataType type, byte[] bytes)
    {
        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)type,
            // The array is never touched again, so wrapping it spares a copy of up to hundreds of megabytes.
            RawData = UnsafeByteOperations.UnsafeWrap(bytes),
        };
        foreach (var dim in dims)
        {
            tensor.Dims.Add(dim);
        }

        return tensor;
    }
}
