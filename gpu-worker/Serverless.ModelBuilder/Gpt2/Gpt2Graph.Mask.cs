using Serverless.ModelBuilder.Onnx;
using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.Gpt2;

internal sealed partial class Gpt2Graph
{
    /// <summary>
    /// The boolean [batch, 1, seq, total] mask shared by every layer: query j sits at absolute
    /// position past+j and may see keys 0..past+j (causality), never a key whose
    /// <c>attention_mask</c> is 0 (padding). past = total - seq comes from the input shapes.
    /// </summary>
    private string AttentionMask()
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
