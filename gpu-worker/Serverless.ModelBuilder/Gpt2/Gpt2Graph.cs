using Serverless.ModelBuilder.CausalLm;
using Serverless.ModelBuilder.Onnx;
using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.Gpt2;

/// <summary>
/// Builds a GPT-2 causal LM as an ONNX model with the Hugging Face / Optimum export signature
/// (<see cref="KvCacheIo"/>). The fp16 variant stores fp16 weights and takes and returns fp16 tensors,
/// computing in fp32 (<see cref="GraphWeights"/>).
/// </summary>
internal sealed partial class Gpt2Graph
{
    private const float InitStd = 0.02f;
    private const float LayerNormEpsilon = 1e-5f;

    private readonly Gpt2Shape shape;
    private readonly OnnxGraphBuilder g = new("gpt2");
    private readonly GraphWeights weights;
    private readonly KvCacheIo io;

    private Gpt2Graph(Gpt2Shape shape, int seed, bool float16)
    {
        this.shape = shape;
        weights = new GraphWeights(g, seed, float16);
        io = new KvCacheIo(g, shape.Layers, shape.Heads, shape.HeadDim, shape.VocabSize, float16);
    }

    public static ModelProto Build(Gpt2Shape shape, int seed, bool float16)
    {
        shape.Validate();
        return CausalLmModel.Wrap(new Gpt2Graph(shape, seed, float16).BuildGraph(), "GPT-2 shaped", seed);
    }

    private GraphProto BuildGraph()
    {
        io.DeclareInputs();
        var mask = io.AttentionMask();

        var wte = Weight("transformer.wte.weight", [shape.VocabSize, shape.ModelDim]);
        var wpe = Weight("transformer.wpe.weight", [shape.ContextLength, shape.ModelDim]);
        var hidden = g.Node("Add", [g.Node("Gather", [wte, "input_ids"]), g.Node("Gather", [wpe, "position_ids"])]);

        for (var layer = 0; layer < shape.Layers; layer++)
        {
            hidden = Block(layer, hidden, mask);
        }

        hidden = LayerNorm("transformer.ln_f", hidden);
        io.Logits(hidden, wte, shape.ModelDim);
        io.DeclareOutputs();
        return g.Build();
    }

    /// <summary>A trainable matrix drawn from N(0, 0.02), GPT-2's initialisation.</summary>
    private string Weight(string name, long[] dims) => weights.Weight(name, dims, InitStd);
}
