using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Inference.Generation;

/// <summary>
/// Runs a causal-LM session one forward pass at a time. The present keys and values stay where the
/// execution provider put them (device memory under CUDA) and go straight back in as the next past.
/// </summary>
/// <param name="session">The model's session.</param>
/// <param name="signature">Its inputs and outputs.</param>
/// <param name="deviceMemory">Where present keys and values are kept: CUDA memory, or null for host memory.</param>
internal sealed class CausalLm(InferenceSession session, CausalLmSignature signature, OrtMemoryInfo? deviceMemory = null) : IDisposable
{
    private readonly OrtMemoryInfo kvMemory = deviceMemory ?? OrtMemoryInfo.DefaultInstance;

    public CausalLmSignature Signature { get; } = signature;

    /// <summary>Device 0's CUDA memory.</summary>
    public static OrtMemoryInfo CudaMemory() => new(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default);

    /// <summary>
    /// Whether this ONNX Runtime can copy a tensor from <paramref name="device"/> back to the host, which a
    /// device-resident cache needs when the batch's membership changes (<see cref="KvCache.Gather"/>).
    /// </summary>
    public static bool CanCopyToHost(InferenceSession session, OrtMemoryInfo device)
    {
        try
        {
            using var allocator = new OrtAllocator(session, device);
            using var onDevice = OrtValue.CreateAllocatedTensorValue(allocator, TensorElementType.Float, [1]);
            using var onHost = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [1]);
            OrtEnv.Instance().CopyTensors([onDevice], [onHost], null);
            return true;
        }
        catch (OnnxRuntimeException)
        {
            return false;
        }
    }

    /// <summary>
    /// Feeds <paramref name="sequence"/> new tokens per row after <paramref name="past"/>; the attention mask
    /// covers past and new positions ([batch, past + sequence], 0 = padding) and position ids follow from it.
    /// </summary>
    public ForwardResult Forward(long[] inputIds, int batch, int sequence, long[] attentionMask, KvCache past)
    {
        var total = past.Length + sequence;
        if (inputIds.Length != batch * sequence || attentionMask.Length != batch * total || past.Batch != batch)
        {
            throw new ArgumentException("input shapes disagree with the cache");
        }

        var inputs = new List<OrtValue>(4);
        try
        {
            using var binding = session.CreateIoBinding();
            Bind(binding, inputs, CausalLmSignature.InputIds, inputIds, [batch, sequence], Signature.InputIdsType);
            Bind(binding, inputs, CausalLmSignature.AttentionMask, attentionMask, [batch, total], Signature.AttentionMaskType);
            if (Signature.PositionIdsType is { } positionType)
            {
                Bind(binding, inputs, CausalLmSignature.PositionIds, PositionIds(attentionMask, batch, sequence, total), [batch, sequence], positionType);
            }

            for (var layer = 0; layer < Signature.Layers; layer++)
            {
                binding.BindInput(CausalLmSignature.PastKey(layer), past.Values[2 * layer]);
                binding.BindInput(CausalLmSignature.PastValue(layer), past.Values[(2 * layer) + 1]);
            }

            binding.BindOutputToDevice(CausalLmSignature.Logits, OrtMemoryInfo.DefaultInstance);
            for (var layer = 0; layer < Signature.Layers; layer++)
            {
                binding.BindOutputToDevice(CausalLmSignature.PresentKey(layer), kvMemory);
                binding.BindOutputToDevice(CausalLmSignature.PresentValue(layer), kvMemory);
            }

            using var runOptions = new RunOptions();
            var outputs = session.RunWithBoundResults(runOptions, binding);
            return TakeOutputs(outputs, batch, sequence, total);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    public void Dispose()
    {
        session.Dispose();
        if (!ReferenceEquals(kvMemory, OrtMemoryInfo.DefaultInstance))
        {
            kvMemory.Dispose();
        }
    }

    /// <summary>Hugging Face's rule: position = (number of unmasked positions up to here) − 1; padding gets 1.</summary>
    internal static long[] PositionIds(long[] attentionMask, int batch, int sequence, int total)
    {
        var positions = new long[batch * sequence];
        for (var b = 0; b < batch; b++)
        {
            var seen = 0L;
            for (var t = 0; t < total; t++)
            {
                var attended = attentionMask[(b * total) + t] != 0;
                seen += attended ? 1 : 0;
                var j = t - (total - sequence);
                if (j >= 0)
                {
                    positions[(b * sequence) + j] = attended ? seen - 1 : 1;
                }
            }
        }

        return positions;
    }

    private ForwardResult TakeOutputs(IDisposableReadOnlyCollection<OrtValue> outputs, int batch, int sequence, int total)
    {
        // Outputs come back in binding order: logits, then present key/value per layer; the present values
        // become the caller's cache.
        var values = outputs.ToArray();
        try
        {
            return new ForwardResult(values[0], batch, sequence, Signature.LogitsType == TensorElementType.Float16, new KvCache(values[1..], batch, total));
        }
        catch
        {
            outputs.Dispose();
            throw;
        }
    }

    private static void Bind(OrtIoBinding binding, List<OrtValue> owned, string name, long[] values, long[] shape, TensorElementType type)
    {
        var value = type == TensorElementType.Int32
            ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(values, v => (int)v), shape)
            : OrtValue.CreateTensorValueFromMemory(values, shape);
        owned.Add(value);
        binding.BindInput(name, value);
    }
}
