using Serverless.ModelBuilder.CausalLm;
using Serverless.ModelBuilder.Onnx;
using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.Llama;

/// <summary>
/// Builds a Llama-family causal LM (Hugging Face's <c>LlamaForCausalLM</c> forward pass) as an ONNX model with
/// the Optimum export signature (<see cref="KvCacheIo"/>): rotary position embeddings computed from
/// <c>position_ids</c>, grouped-query attention whose cache holds only the KV heads, RMSNorm, SwiGLU and an
/// untied <c>lm_head</c>. Projection matrices are stored [in, out], the layout MatMul reads, under the
/// Hugging Face parameter names.
/// </summary>
internal sealed partial class LlamaGraph
{
    private const float InitStd = 0.02f;

    private readonly LlamaShape shape;
    private readonly OnnxGraphBuilder g = new("llama");
    private readonly GraphWeights weights;
    private readonly KvCacheIo io;

    private LlamaGraph(LlamaShape shape, int seed, bool float16)
    {
        this.shape = shape;
        weights = new GraphWeights(g, seed, float16);
        io = new KvCacheIo(g, shape.Layers, shape.KvHeads, shape.HeadDim, shape.VocabSize, float16);
    }

    public static ModelProto Build(LlamaShape shape, int seed, bool float16)
    {
        shape.Validate();
        return CausalLmModel.Wrap(new LlamaGraph(shape, seed, float16).BuildGraph(), "Llama-family", seed);
    }

    private GraphProto BuildGraph()
    {
        io.DeclareInputs();

        // [batch, 1, 1, seq, total]: the extra axis broadcasts over the query heads of one KV group.
        var mask = g.Node("Unsqueeze", [io.AttentionMask(), g.Int64Constant("axes_group", [1], 1)]);
        var rotary = Rotary();

        var embed = Weight("model.embed_tokens.weight", [shape.VocabSize, shape.ModelDim]);
        var hidden = g.Node("Gather", [embed, "input_ids"]);
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            hidden = Block(layer, hidden, mask, rotary);
        }

        hidden = RmsNorm("model.norm", hidden);
        io.Logits(hidden, Weight("lm_head.weight", [shape.VocabSize, shape.ModelDim]), shape.ModelDim);
        io.DeclareOutputs();
        return g.Build();
    }

    /// <summary>
    /// cos and sin of position × inverse frequency, each [batch, 1, seq, head_dim], as Hugging Face's
    /// rotary embedding computes them: inv_freq[i] = θ^(−2i/head_dim), the angles repeated for both halves.
    /// </summary>
    private (string Cos, string Sin) Rotary()
    {
        var half = shape.HeadDim / 2;
        var inverse = new float[half];
        for (var i = 0; i < half; i++)
        {
            inverse[i] = 1f / MathF.Pow(shape.RopeTheta, 2f * i / shape.HeadDim);
        }

        var positions = g.Node("Cast", ["position_ids"], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float));
        var column = g.Node("Unsqueeze", [positions, g.Int64Constant("axes_last", [1], 2)]);
        var angles = g.Node("Mul", [column, weights.Fp32Constant("rotary.inv_freq", [half], inverse)]);
        var both = g.Node("Concat", [angles, angles], OnnxAttributes.Int("axis", -1));
        var heads = g.Int64Constant("axes_heads", [1], 1);
        return (g.Node("Unsqueeze", [g.Node("Cos", [both]), heads]), g.Node("Unsqueeze", [g.Node("Sin", [both]), heads]));
    }

    /// <summary>x · rsqrt(mean(x²) + ε) · weight.</summary>
    private string RmsNorm(string name, string input)
    {
        var meanSquare = g.Node("ReduceMean", [g.Node("Mul", [input, input])], OnnxAttributes.Ints("axes", -1), OnnxAttributes.Int("keepdims", 1));
        var scale = g.Node("Reciprocal", [g.Node("Sqrt", [g.Node("Add", [meanSquare, weights.Scalar("rms_norm.epsilon", shape.RmsNormEpsilon)])])]);
        return g.Node("Mul", [g.Node("Mul", [input, scale]), weights.Constant($"{name}.weight", [shape.ModelDim], 1f)]);
    }

    /// <summary>A bias-free projection; the matrix is drawn N(0, 0.02) and stored [in, out].</summary>
    private string Linear(string name, string input, int inputs, int outputs) =>
        g.Node("MatMul", [input, Weight($"{name}.weight", [inputs, outputs])]);

    private string Weight(string name, long[] dims) => weights.Weight(name, dims, InitStd);
}
