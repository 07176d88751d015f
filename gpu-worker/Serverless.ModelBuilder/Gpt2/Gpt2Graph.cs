using Serverless.ModelBuilder.Onnx;
using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.Gpt2;

/// <summary>
/// Builds a GPT-2 causal LM as an ONNX model with the Hugging Face / Optimum export signature.
/// Arithmetic stays in fp32 even for the fp16 variant: the fp16 variant stores fp16 weights and
/// takes and returns fp16 tensors, casting at the edges, because ONNX Runtime's CPU provider
/// lacks fp16 kernels for several of these ops. Casts of initializers are constant-folded when
/// a session loads, so they cost nothing per token.
/// </summary>
internal sealed partial class Gpt2Graph
{
    public const int OpsetVersion = 17;
    public const string BatchDim = "batch_size";
    public const string SequenceDim = "sequence_length";
    public const string PastSequenceDim = "past_sequence_length";
    public const string TotalSequenceDim = "total_sequence_length";

    private const float InitStd = 0.02f;
    private const float LayerNormEpsilon = 1e-5f;

    private readonly Gpt2Shape shape;
    private readonly bool float16;
    private readonly SeededGaussian random;
    private readonly OnnxGraphBuilder g = new("gpt2");

    private Gpt2Graph(Gpt2Shape shape, int seed, bool float16)
    {
        this.shape = shape;
        this.float16 = float16;
        random = new SeededGaussian(seed);
    }

    private TensorProto.Types.DataType IoType =>
        float16 ? TensorProto.Types.DataType.Float16 : TensorProto.Types.DataType.Float;

    public static ModelProto Build(Gpt2Shape shape, int seed, bool float16)
    {
        shape.Validate();
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "Serverless.ModelBuilder",
            ProducerVersion = "1",
            DocString = $"GPT-2 shaped causal LM with seeded random weights (seed {seed}); for tests and fresh machines, not for meaningful text.",
            Graph = new Gpt2Graph(shape, seed, float16).BuildGraph(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model;
    }

    private GraphProto BuildGraph()
    {
        DeclareInputs();
        var mask = AttentionMask();

        var wte = Weight("transformer.wte.weight", [shape.VocabSize, shape.ModelDim]);
        var wpe = Weight("transformer.wpe.weight", [shape.ContextLength, shape.ModelDim]);
        var hidden = g.Node("Add", [g.Node("Gather", [wte, "input_ids"]), g.Node("Gather", [wpe, "position_ids"])]);

        for (var layer = 0; layer < shape.Layers; layer++)
        {
            hidden = Block(layer, hidden, mask);
        }

        hidden = LayerNorm("transformer.ln_f", hidden);
        Logits(hidden, wte);
        DeclareOutputs();
        return g.Build();
    }

    private void DeclareInputs()
    {
        g.Input("input_ids", TensorProto.Types.DataType.Int64, BatchDim, SequenceDim);
        g.Input("attention_mask", TensorProto.Types.DataType.Int64, BatchDim, TotalSequenceDim);
        g.Input("position_ids", TensorProto.Types.DataType.Int64, BatchDim, SequenceDim);
        for (var i = 0; i < shape.Layers; i++)
        {
            g.Input($"past_key_values.{i}.key", IoType, BatchDim, shape.Heads, PastSequenceDim, shape.HeadDim);
            g.Input($"past_key_values.{i}.value", IoType, BatchDim, shape.Heads, PastSequenceDim, shape.HeadDim);
        }
    }

    private void DeclareOutputs()
    {
        g.Output("logits", IoType, BatchDim, SequenceDim, shape.VocabSize);
        for (var i = 0; i < shape.Layers; i++)
        {
            g.Output($"present.{i}.key", IoType, BatchDim, shape.Heads, TotalSequenceDim, shape.HeadDim);
            g.Output($"present.{i}.value", IoType, BatchDim, shape.Heads, TotalSequenceDim, shape.HeadDim);
        }
    }

    /// <summary>logits = h · wteᵀ; Gemm's transB reads the tied embedding in place instead of storing a transposed copy.</summary>
    private void Logits(string hidden, string wte)
    {
        var flat = g.Node("Reshape", [hidden, g.Int64Constant("shape_flat_tokens", [2], -1, shape.ModelDim)]);
        var scores = g.Node("Gemm", [flat, wte], OnnxAttributes.Int("transB", 1));
        var logitsShape = g.Node("Concat", [g.Node("Shape", ["input_ids"]), g.Int64Constant("vocab_size", [1], shape.VocabSize)], OnnxAttributes.Int("axis", 0));
        if (float16)
        {
            g.NamedNode("Cast", "logits", [g.Node("Reshape", [scores, logitsShape])], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float16));
        }
        else
        {
            g.NamedNode("Reshape", "logits", [scores, logitsShape]);
        }
    }
}
