using Serverless.ModelBuilder.Gpt2;
using Serverless.ModelBuilder.Onnx;
using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.CausalLm;

/// <summary>
/// The parameters of a seeded random model, added to a graph as initializers. Weights are stored fp16
/// for an fp16 model and cast to fp32 where used: the arithmetic stays in fp32 because ONNX Runtime's CPU
/// provider lacks fp16 kernels for several ops, and casts of initializers fold away when a session loads.
/// </summary>
internal sealed class GraphWeights(OnnxGraphBuilder g, int seed, bool float16)
{
    private readonly SeededGaussian random = new(seed);
    private readonly Dictionary<string, string> scalars = [];

    /// <summary>A matrix drawn from N(0, <paramref name="std"/>); returns the fp32 value's name.</summary>
    public string Weight(string name, long[] dims, float std)
    {
        var values = new float[checked((int)(dims[0] * dims[1]))];
        random.Fill(values, std);
        return Stored(name, dims, values);
    }

    /// <summary>A vector with one value everywhere (norm gains 1, biases 0), stored like the weights.</summary>
    public string Constant(string name, long[] dims, float value)
    {
        var values = new float[dims[0]];
        Array.Fill(values, value);
        return Stored(name, dims, values);
    }

    /// <summary>A float constant the arithmetic uses, added once however many layers use it; always fp32.</summary>
    public string Scalar(string name, float value) => Fp32Constant(name, [], [value]);

    /// <summary>An fp32 tensor of fixed values (a table the arithmetic reads), added once.</summary>
    public string Fp32Constant(string name, long[] dims, float[] values)
    {
        if (!scalars.TryGetValue(name, out var existing))
        {
            existing = g.Initializer(OnnxTensors.Float32(name, dims, values));
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
