using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.Inference.Catalog;

namespace Serverless.Inference.Embeddings;

/// <summary>
/// A sentence encoder's inputs and its per-token output, read from the graph: BERT-style exports take
/// <c>input_ids</c> and usually <c>attention_mask</c> and <c>token_type_ids</c>.
/// </summary>
internal sealed record EmbeddingSignature(
    IReadOnlyDictionary<string, TensorElementType> Inputs,
    string Output,
    TensorElementType OutputType,
    int HiddenSize)
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";

    private static readonly string[] PreferredOutputs = ["last_hidden_state", "token_embeddings"];

    public static EmbeddingSignature Read(InferenceSession session, string file)
    {
        var inputs = new Dictionary<string, TensorElementType>();
        foreach (var (name, meta) in session.InputMetadata)
        {
            if (name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new ModelLoadException(file, $"unsupported input '{name}'");
            }

            if (meta.ElementDataType is not (TensorElementType.Int64 or TensorElementType.Int32))
            {
                throw new ModelLoadException(file, $"input '{name}' must be int64 or int32, not {meta.ElementDataType}");
            }

            inputs[name] = meta.ElementDataType;
        }

        if (!inputs.ContainsKey(InputIds))
        {
            throw new ModelLoadException(file, $"missing input '{InputIds}'");
        }

        // The per-token hidden states: by name when the export names them, else the first rank-3 output.
        var outputs = session.OutputMetadata;
        var output = PreferredOutputs.FirstOrDefault(outputs.ContainsKey)
            ?? outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 3).Key
            ?? throw new ModelLoadException(file, "no [batch, seq, hidden] output to pool");
        var hidden = outputs[output];
        if (hidden.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new ModelLoadException(file, $"output '{output}' must be float or float16, not {hidden.ElementDataType}");
        }

        return new EmbeddingSignature(inputs, output, hidden.ElementDataType, hidden.Dimensions[^1]);
    }
}
