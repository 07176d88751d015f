using Serverless.ModelBuilder.Onnx;
using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.Gpt2;

internal sealed partial class Gpt2Graph
{
    private readonly Dictionary<string, string> scalars = [];

    /// <summary>A trainable matrix drawn from N(0, 0.02), GPT-2's initialisation; returns the fp32 value's name.</summary>
    private string Weight(string name, long[] dims)
    {
        var values = new float[checked((int)(dims[0] * dims[1]))];
        random.Fill(values, InitStd);
        return Stored(name, dims, values);
    }

    /// <summary>A parameter with one value everywhere (layer norm gain 1, biases 0), stored like the weights.</summary>
    private string Constant(string name, long[] dims, float value)
    {
        var values = new float[dims[0]];
        Array.Fill(values, value);
        return Stored(name, dims, values);
    }

    /// <summary>A float scalar the arithmetic uses, added once however many layers use it; fp32 since the graph computes in fp32.</summary>
    private string Scalar(string name, float value)
    {
        if (!scalars.TryGetValue(name, out var existing))
        {
            existing = g.Initializer(OnnxTensors.Float32(name, [], [value]));
            scalars.Add(name, existing);
        }

        return existing;
    }

    private string Stored(string name, long[] dims, float[] values)
    {
        if (!float16)
        {
            return g.Initializer(OnnxTensors.Float32(name, dims, values));
        }

        var stored = g.Initializer(OnnxTensors.Float16(name, dims, values));
        return g.Node("Cast", [stored], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float));
    }
}
