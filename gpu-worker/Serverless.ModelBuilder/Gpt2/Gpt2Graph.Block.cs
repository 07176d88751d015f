using Serverless.ModelBuilder.CausalLm;
using Serverless.ModelBuilder.Onnx;

namespace Serverless.ModelBuilder.Gpt2;

internal sealed partial class Gpt2Graph
{
    private string Block(int layer, string hidden, string mask)
    {
        var prefix = $"transformer.h.{layer}";
        var attention = Attention(layer, prefix, LayerNorm($"{prefix}.ln_1", hidden), mask);
        hidden = g.Node("Add", [hidden, attention]);
        var mlp = Mlp(prefix, LayerNorm($"{prefix}.ln_2", hidden));
        return g.Node("Add", [hidden, mlp]);
    }

    private string Attention(int layer, string prefix, string input, string mask)
    {
        var d = shape.ModelDim;
        var qkv = Linear($"{prefix}.attn.c_attn", input, d, 3 * d);
        var split = g.Node("Split", [qkv, g.Int64Constant("attn.split_sizes", [3], d, d, d)], 3, OnnxAttributes.Int("axis", 2));

        var scale = weights.Scalar("attn.scale", 1f / MathF.Sqrt(shape.HeadDim));
        var query = g.Node("Mul", [Heads(split[0]), scale]);
        var key = io.WithPast(layer, "key", Heads(split[1]));
        var value = io.WithPast(layer, "value", Heads(split[2]));

        var scores = g.Node("MatMul", [query, g.Node("Transpose", [key], OnnxAttributes.Ints("perm", 0, 1, 3, 2))]);
        var masked = g.Node("Where", [mask, scores, weights.Scalar("attn.masked_score", KvCacheIo.MaskedScore)]);
        var probabilities = g.Node("Softmax", [masked], OnnxAttributes.Int("axis", -1));
        var context = g.Node("MatMul", [probabilities, value]);

        var merged = g.Node("Transpose", [context], OnnxAttributes.Ints("perm", 0, 2, 1, 3));
        merged = g.Node("Reshape", [merged, g.Int64Constant("attn.merge_shape", [3], 0, 0, d)]);
        return Linear($"{prefix}.attn.c_proj", merged, d, d);
    }

    /// <summary>[batch, seq, d] → [batch, heads, seq, head_dim].</summary>
    private string Heads(string x)
    {
        var split = g.Node("Reshape", [x, g.Int64Constant("attn.heads_shape", [4], 0, 0, shape.Heads, shape.HeadDim)]);
        return g.Node("Transpose", [split], OnnxAttributes.Ints("perm", 0, 2, 1, 3));
    }

    /// <summary>d → 4d, tanh-approximated GELU (GPT-2's gelu_new), 4d → d.</summary>
    private string Mlp(string prefix, string input)
    {
        var d = shape.ModelDim;
        var x = Linear($"{prefix}.mlp.c_fc", input, d, 4 * d);

        // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), in the order PyTorch exports it so ONNX Runtime's GELU fusion recognises it.
        var cube = g.Node("Pow", [x, weights.Scalar("gelu.three", 3f)]);
        var inner = g.Node("Add", [x, g.Node("Mul", [cube, weights.Scalar("gelu.gelu_coefficient", 0.044715f)])]);
        var tanh = g.Node("Tanh", [g.Node("Mul", [inner, weights.Scalar("gelu.sqrt_2_over_pi", MathF.Sqrt(2f / MathF.PI))])]);
        var gate = g.Node("Add", [tanh, weights.Scalar("gelu.one", 1f)]);
        var gelu = g.Node("Mul", [g.Node("Mul", [x, gate]), weights.Scalar("gelu.half", 0.5f)]);

        return Linear($"{prefix}.mlp.c_proj", gelu, 4 * d, d);
    }

    private string LayerNorm(string name, string input)
    {
        var gamma = weights.Constant($"{name}.weight", [shape.ModelDim], 1f);
        var beta = weights.Constant($"{name}.bias", [shape.ModelDim], 0f);
        return g.Node("LayerNormalization", [input, gamma, beta], OnnxAttributes.Int("axis", -1), OnnxAttributes.Float("epsilon", LayerNormEpsilon));
    }

    /// <summary>GPT-2's Conv1D: x · W + b with W stored [in, out].</summary>
    private string Linear(string name, string input, int inputs, int outputs)
    {
        var weight = Weight($"{name}.weight", [inputs, outputs]);
        var bias = weights.Constant($"{name}.bias", [outputs], 0f);
        return g.Node("Add", [g.Node("MatMul", [input, weight]), bias]);
    }
}
