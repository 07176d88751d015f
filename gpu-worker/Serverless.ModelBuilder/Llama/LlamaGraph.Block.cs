using Serverless.ModelBuilder.CausalLm;
using Serverless.ModelBuilder.Onnx;

namespace Serverless.ModelBuilder.Llama;

internal sealed partial class LlamaGraph
{
    private string Block(int layer, string hidden, string mask, (string Cos, string Sin) rotary)
    {
        var prefix = $"model.layers.{layer}";
        var attention = Attention(layer, prefix, RmsNorm($"{prefix}.input_layernorm", hidden), mask, rotary);
        hidden = g.Node("Add", [hidden, attention]);
        var mlp = Mlp(prefix, RmsNorm($"{prefix}.post_attention_layernorm", hidden));
        return g.Node("Add", [hidden, mlp]);
    }

    /// <summary>
    /// Grouped-query attention without copying keys and values per query head: the queries are viewed as
    /// [batch, kv_heads, group, seq, head_dim] and MatMul broadcasts each KV head over its group.
    /// </summary>
    private string Attention(int layer, string prefix, string input, string mask, (string Cos, string Sin) rotary)
    {
        var d = shape.ModelDim;
        var kvWidth = shape.KvHeads * shape.HeadDim;
        var query = Rope(Heads(Linear($"{prefix}.self_attn.q_proj", input, d, d), shape.Heads), rotary);
        var key = Rope(Heads(Linear($"{prefix}.self_attn.k_proj", input, d, kvWidth), shape.KvHeads), rotary);
        var value = Heads(Linear($"{prefix}.self_attn.v_proj", input, d, kvWidth), shape.KvHeads);

        // The cache holds rotated keys, as Hugging Face's does: a past position's rotation never changes.
        key = io.WithPast(layer, "key", key);
        value = io.WithPast(layer, "value", value);

        var group = shape.Heads / shape.KvHeads;
        var grouped = g.Node("Reshape", [query, g.Int64Constant("attn.group_shape", [5], 0, shape.KvHeads, group, -1, shape.HeadDim)]);
        var groupAxis = g.Int64Constant("axes_group_kv", [1], 2);
        var keys = g.Node("Unsqueeze", [g.Node("Transpose", [key], OnnxAttributes.Ints("perm", 0, 1, 3, 2)), groupAxis]);
        var scores = g.Node("Mul", [g.Node("MatMul", [grouped, keys]), weights.Scalar("attn.scale", 1f / MathF.Sqrt(shape.HeadDim))]);
        var masked = g.Node("Where", [mask, scores, weights.Scalar("attn.masked_score", KvCacheIo.MaskedScore)]);
        var probabilities = g.Node("Softmax", [masked], OnnxAttributes.Int("axis", -1));
        var context = g.Node("MatMul", [probabilities, g.Node("Unsqueeze", [value, groupAxis])]);

        var perHead = g.Node("Reshape", [context, g.Int64Constant("attn.heads_back", [4], 0, shape.Heads, -1, shape.HeadDim)]);
        var merged = g.Node("Transpose", [perHead], OnnxAttributes.Ints("perm", 0, 2, 1, 3));
        merged = g.Node("Reshape", [merged, g.Int64Constant("attn.merge_shape", [3], 0, 0, d)]);
        return Linear($"{prefix}.self_attn.o_proj", merged, d, d);
    }

    /// <summary>[batch, seq, heads·head_dim] → [batch, heads, seq, head_dim].</summary>
    private string Heads(string x, int heads)
    {
        var split = g.Node("Reshape", [x, g.Int64Constant($"attn.heads_shape_{heads}", [4], 0, 0, heads, shape.HeadDim)]);
        return g.Node("Transpose", [split], OnnxAttributes.Ints("perm", 0, 2, 1, 3));
    }

    /// <summary>x·cos + rotate_half(x)·sin, rotate_half(x) = [−x₂, x₁] over the two halves of head_dim.</summary>
    private string Rope(string x, (string Cos, string Sin) rotary)
    {
        var halves = g.Node("Split", [x], 2, OnnxAttributes.Int("axis", -1));
        var rotated = g.Node("Concat", [g.Node("Neg", [halves[1]]), halves[0]], OnnxAttributes.Int("axis", -1));
        return g.Node("Add", [g.Node("Mul", [x, rotary.Cos]), g.Node("Mul", [rotated, rotary.Sin])]);
    }

    /// <summary>SwiGLU: down(silu(gate(x)) ⊙ up(x)), silu(x) = x·σ(x).</summary>
    private string Mlp(string prefix, string input)
    {
        var gate = Linear($"{prefix}.mlp.gate_proj", input, shape.ModelDim, shape.FfnDim);
        var up = Linear($"{prefix}.mlp.up_proj", input, shape.ModelDim, shape.FfnDim);
        var silu = g.Node("Mul", [gate, g.Node("Sigmoid", [gate])]);
        return Linear($"{prefix}.mlp.down_proj", g.Node("Mul", [silu, up]), shape.FfnDim, shape.ModelDim);
    }
}
