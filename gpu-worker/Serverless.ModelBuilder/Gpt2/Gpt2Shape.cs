namespace Serverless.ModelBuilder;

/// <summary>The size of a GPT-2 shaped causal LM: layer count, model width, attention heads, vocabulary and context.</summary>
public sealed record Gpt2Shape(int Layers, int ModelDim, int Heads, int VocabSize = 50257, int ContextLength = 1024)
{
    /// <summary>2 layers, 128 wide, 4 heads: the default generation model, fast on a CPU.</summary>
    public static Gpt2Shape Tiny { get; } = new(Layers: 2, ModelDim: 128, Heads: 4);

    /// <summary>8 layers, 512 wide, 8 heads: the larger model that benchmarks run.</summary>
    public static Gpt2Shape Bench { get; } = new(Layers: 8, ModelDim: 512, Heads: 8);

    /// <summary>GPT-2 medium's shape (355M parameters): 24 layers, 1024 wide, 16 heads; the GPU benchmark's model.</summary>
    public static Gpt2Shape Medium { get; } = new(Layers: 24, ModelDim: 1024, Heads: 16);

    /// <summary>Width of one attention head.</summary>
    public int HeadDim => ModelDim / Heads;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Layers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ModelDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Heads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(VocabSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ContextLength);
        if (ModelDim % Heads != 0)
        {
            throw new ArgumentException($"ModelDim {ModelDim} is not a multiple of Heads {Heads}.", nameof(ModelDim));
        }
    }
}
