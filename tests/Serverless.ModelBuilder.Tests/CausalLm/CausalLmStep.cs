using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.ModelBuilder.Tests.CausalLm;

/// <summary>The outputs of one forward pass: logits (read as fp32 whatever the model's type) and the presents to feed back as past.</summary>
public sealed class CausalLmStep(IDisposableReadOnlyCollection<OrtValue> outputs, int sequence, int vocab) : IDisposable
{
    /// <summary>present.{i}.key, present.{i}.value, ... in layer order, matching the past inputs.</summary>
    public IEnumerable<OrtValue> Presents => outputs.Skip(1);

    public OrtValue Present(int index) => outputs[index + 1];

    /// <summary>The logits of one row at one position.</summary>
    public float[] Logits(int row, int position)
    {
        var logits = outputs[0];
        var start = ((row * sequence) + position) * vocab;
        if (logits.GetTensorTypeAndShape().ElementDataType == TensorElementType.Float16)
        {
            return [.. logits.GetTensorDataAsSpan<Float16>().Slice(start, vocab).ToArray().Select(h => h.ToFloat())];
        }

        return logits.GetTensorDataAsSpan<float>().Slice(start, vocab).ToArray();
    }

    public float[] LastLogits(int row) => Logits(row, sequence - 1);

    public void Dispose() => outputs.Dispose();
}
