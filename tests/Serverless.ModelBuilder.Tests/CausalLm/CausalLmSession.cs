using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.ModelBuilder.Tests.CausalLm;

/// <summary>
/// Drives a causal-LM ONNX model (GPT-2 or Llama shaped) at the raw ONNX Runtime level, reading layer count, heads and head
/// size from the graph's input metadata the way the worker's runtime does.
/// </summary>
public sealed class CausalLmSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly string[] outputNames;

    public CausalLmSession(string modelPath)
    {
        session = new InferenceSession(modelPath);
        var pastKey = session.InputMetadata["past_key_values.0.key"];
        Layers = session.InputMetadata.Keys.Count(name => name.StartsWith("past_key_values.", StringComparison.Ordinal)) / 2;
        Heads = pastKey.Dimensions[1];
        HeadDim = pastKey.Dimensions[3];
        KvType = pastKey.ElementDataType;
        Vocab = session.OutputMetadata["logits"].Dimensions[2];
        outputNames = ["logits", .. Enumerable.Range(0, Layers).SelectMany(i => new[] { $"present.{i}.key", $"present.{i}.value" })];
    }

    public int Layers { get; }

    public int Heads { get; }

    public int HeadDim { get; }

    public int Vocab { get; }

    public TensorElementType KvType { get; }

    /// <summary>Runs one forward pass over row-major [batch, seq] ids and positions and a [batch, past+seq] mask.</summary>
    public CausalLmStep Run(int batch, long[] inputIds, long[] attentionMask, long[] positionIds, CausalLmStep? past = null)
    {
        var sequence = inputIds.Length / batch;
        var total = attentionMask.Length / batch;
        using var ids = OrtValue.CreateTensorValueFromMemory(inputIds, [batch, sequence]);
        using var mask = OrtValue.CreateTensorValueFromMemory(attentionMask, [batch, total]);
        using var positions = OrtValue.CreateTensorValueFromMemory(positionIds, [batch, sequence]);

        var empties = new List<OrtValue>();
        try
        {
            var pastValues = past?.Presents.ToList() ?? [.. Enumerable.Range(0, 2 * Layers).Select(_ => EmptyPast(batch, empties))];
            var names = new List<string> { "input_ids", "attention_mask", "position_ids" };
            names.AddRange(Enumerable.Range(0, Layers).SelectMany(i => new[] { $"past_key_values.{i}.key", $"past_key_values.{i}.value" }));
            var inputs = new List<OrtValue> { ids, mask, positions };
            inputs.AddRange(pastValues);

            using var options = new RunOptions();
            var outputs = session.Run(options, names, inputs, outputNames);
            return new CausalLmStep(outputs, sequence, Vocab);
        }
        finally
        {
            empties.ForEach(value => value.Dispose());
        }
    }

    public void Dispose() => session.Dispose();

    private OrtValue EmptyPast(int batch, List<OrtValue> owned)
    {
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, KvType, [batch, Heads, 0, HeadDim]);
        owned.Add(value);
        return value;
    }
}
