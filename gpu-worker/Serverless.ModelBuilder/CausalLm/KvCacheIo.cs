using Serverless.ModelBuilder.Onnx;
using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.CausalLm;

/// <summary>
/// The Hugging Face / Optimum causal-LM signature every model this project builds shares: <c>input_ids</c>,
/// <c>attention_mask</c>, <c>position_ids</c> and <c>past_key_values.N.key/value</c> in; <c>logits</c> and
/// <c>present.N.key/value</c> out. An fp16 model takes and returns fp16 caches and logits.
/// </summary>
internal sealed class KvCacheIo(OnnxGraphBuilder g, int layers, int kvHeads, int headDim, int vocabSize, bool float16)
{
    public const string BatchDim = "batch_size";
    public const string SequenceDim = "sequence_length";
    public const string PastSequenceDim = "past_sequence_length";
    public const string TotalSequenceDim = "total_sequence_length";

    /// <summary>
    /// Masked attention scores become this, not -inf, so a query row that sees only padding (left-padded
    /// batches have such rows) softmaxes to a uniform row instead of NaN.
    /// </summary>
    public const float MaskedScore = -1e9f;

    private TensorProto.Types.DataType IoType =>
        float16 ? TensorProto.Types.DataType.Float16 : TensorProto.Types.DataType.Float;

    public void DeclareInputs()
    {
        g.Input("input_ids", TensorProto.Types.DataType.Int64, BatchDim, SequenceDim);
        g.Input("attention_mask", TensorProto.Types.DataType.Int64, BatchDim, TotalSequenceDim);
        g.Input("position_ids", TensorProto.Types.DataType.Int64, BatchDim, SequenceDim);
        for (var i = 0; i < layers; i++)
        {
            g.Input($"past_key_values.{i}.key", IoType, BatchDim, kvHeads, PastSequenceDim, headDim);
            g.Input($"past_key_values.{i}.value", IoType, BatchDim, kvHeads, PastSequenceDim, headDim);
        }
    }

    public void DeclareOutputs()
    {
        g.Output("logits", IoType, BatchDim, SequenceDim, vocabSize);
        for (var i = 0; i < layers; i++)
        {
            g.Output($"present.{i}.key", IoType, BatchDim, kvHeads, TotalSequenceDim, headDim);
            g.Output($"present.{i}.value", IoType, BatchDim, kvHeads, TotalSequenceDim, headDim);
        }
    }

    /// <summary>Concatenates the cache input with this step's keys or values; the result is also the present output (fp32 in the graph).</summary>
    public string WithPast(int layer, string kind, string current)
    {
        var past = $"past_key_values.{layer}.{kind}";
        var present = $"present.{layer}.{kind}";
        if (!float16)
        {
            return g.NamedNode("Concat", present, [past, current], OnnxAttributes.Int("axis", 2));
        }

        var past32 = g.Node("Cast", [past], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float));
        var all = g.Node("Concat", [past32, current], OnnxAttributes.Int("axis", 2));
        g.NamedNode("Cast", present, [all], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float16));
        return all;
    }

    /// <summary>logits = h · Wᵀ for W stored [vocab, d]; Gemm's transB reads W in place instead of a transposed copy.</summary>
    public void Logits(string hidden, string weight, int modelDim)
    {
        var flat = g.Node("Reshape", [hidden, g.Int64Constant("shape_flat_tokens", [2], -1, modelDim)]);
        var scores = g.Node("Gemm", [flat, weight], OnnxAttributes.Int("transB", 1));
        var logitsShape = g.Node("Concat", [g.Node("Shape", ["input_ids"]), g.Int64Constant("vocab_size", [1], vocabSize)], OnnxAttributes.Int("axis", 0));
        if (float16)
        {
            g.NamedNode("Cast", "logits", [g.Node("Reshape", [scores, logitsShape])], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float16));
        }
        else
        {
            g.NamedNode("Reshape", "logits", [scores, logitsShape]);
        }
    }

    /// <summary>
    /// The boolean [batch, 1, seq, total] mask shared by every layer: query j sits at absolute position
    /// past+j and may see keys 0..past+j (causality), never a key whose <c>attention_mask</c> is 0
    /// (padding). past = total - seq comes from the input shapes.
    /// </summary>
    public string AttentionMask()
    {
        var one = g.Int64Constant("one_index", [], 1);
        var sequence = g.Node("Gather", [g.Node("Shape", ["input_ids"]), one]);
        var total = g.Node("Gather", [g.Node("Shape", ["attention_mask"]), one]);
        var past = g.Node("Sub", [total, sequence]);

        var step = g.Int64Constant("range_step", [], 1);
        var queryPositions = g.Node("Range", [past, total, step]);
        var keyPositions = g.Node("Range", [g.Int64Constant("range_start", [], 0), total, step]);

        var keyRow = g.Node("Unsqueeze", [keyPositions, g.Int64Constant("axes_0", [1], 0)]);
        var queryColumn = g.Node("Unsqueeze", [queryPositions, g.Int64Constant("axes_1", [1], 1)]);
        var causal = g.Node("LessOrEqual", [keyRow, queryColumn]);

        var padding = g.Node("Cast", ["attention_mask"], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Bool));
        var padding4d = g.Node("Unsqueeze", [padding, g.Int64Constant("axes_1_2", [2], 1, 2)]);
        return g.Node("And", [causal, padding4d]);
    }
}
