using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.Inference.Catalog;

namespace Serverless.Inference.Generation;

/// <summary>
/// What a Hugging Face / Optimum causal-LM export looks like, read from the graph's own metadata:
/// layer count, KV heads, head size, vocabulary and the element types of every input.
/// </summary>
internal sealed record CausalLmSignature(
    int Layers,
    int KvHeads,
    int HeadDim,
    int VocabSize,
    TensorElementType KvType,
    TensorElementType LogitsType,
    TensorElementType InputIdsType,
    TensorElementType AttentionMaskType,
    TensorElementType? PositionIdsType)
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string PositionIds = "position_ids";
    public const string Logits = "logits";

    /// <summary>Bytes of one KV element: 4 for fp32, 2 for fp16.</summary>
    public int KvElementSize => KvType == TensorElementType.Float16 ? 2 : 4;

    public static string PastKey(int layer) => $"past_key_values.{layer}.key";

    public static string PastValue(int layer) => $"past_key_values.{layer}.value";

    public static string PresentKey(int layer) => $"present.{layer}.key";

    public static string PresentValue(int layer) => $"present.{layer}.value";

    /// <summary>Reads the signature or says, as a load failure of <paramref name="file"/>, what is missing.</summary>
    public static CausalLmSignature Read(InferenceSession session, string file)
    {
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        ModelLoadException Bad(string reason) => new(file, reason);

        var layers = 0;
        while (inputs.ContainsKey(PastKey(layers)) && inputs.ContainsKey(PastValue(layers)))
        {
            if (!outputs.ContainsKey(PresentKey(layers)) || !outputs.ContainsKey(PresentValue(layers)))
            {
                throw Bad($"input {PastKey(layers)} has no matching output {PresentKey(layers)}/{PresentValue(layers)}");
            }

            layers++;
        }

        if (layers == 0)
        {
            throw Bad($"no {PastKey(0)}/{PastValue(0)} inputs: not a causal LM with a KV cache");
        }

        foreach (var name in inputs.Keys)
        {
            var known = name is InputIds or AttentionMask or PositionIds || name.StartsWith("past_key_values.", StringComparison.Ordinal);
            if (!known)
            {
                throw Bad($"unsupported input '{name}'");
            }
        }

        var past = inputs[PastKey(0)];
        var dims = past.Dimensions;
        if (dims.Length != 4 || dims[1] <= 0 || dims[3] <= 0)
        {
            throw Bad($"{PastKey(0)} must be [batch, kv_heads, past_len, head_dim] with fixed kv_heads and head_dim");
        }

        var kvType = past.ElementDataType;
        if (kvType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw Bad($"KV cache element type {kvType} is neither float nor float16");
        }

        if (!outputs.TryGetValue(Logits, out var logits) || logits.Dimensions.Length != 3)
        {
            throw Bad("no [batch, seq, vocab] output 'logits'");
        }

        if (logits.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw Bad($"logits element type {logits.ElementDataType} is neither float nor float16");
        }

        return new CausalLmSignature(
            layers,
            dims[1],
            dims[3],
            logits.Dimensions[2],
            kvType,
            logits.ElementDataType,
            IndexType(inputs, InputIds, required: true, Bad)!.Value,
            IndexType(inputs, AttentionMask, required: true, Bad)!.Value,
            IndexType(inputs, PositionIds, required: false, Bad));
    }

    private static TensorElementType? IndexType(IReadOnlyDictionary<string, NodeMetadata> inputs, string name, bool required, Func<string, ModelLoadException> bad)
    {
        if (!inputs.TryGetValue(name, out var input))
        {
            return required ? throw bad($"missing input '{name}'") : null;
        }

        return input.ElementDataType is TensorElementType.Int64 or TensorElementType.Int32
            ? input.ElementDataType
            : throw bad($"input '{name}' must be int64 or int32, not {input.ElementDataType}");
    }
}
