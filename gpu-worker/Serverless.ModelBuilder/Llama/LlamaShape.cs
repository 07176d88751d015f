namespace Serverless.ModelBuilder;

/// <summary>
/// The size of a Llama-family causal LM: rotary positions, grouped-query attention (<see cref="KvHeads"/>
/// key/value heads shared by <see cref="Heads"/> query heads), RMSNorm and a SwiGLU feed-forward of width
/// <see cref="FfnDim"/>.
/// </summary>
public sealed record LlamaShape(
    int Layers,
    int ModelDim,
    int Heads,
    int KvHeads,
    int FfnDim,
    int VocabSize,
    int ContextLength = 2048,
    float RopeTheta = 10_000f,
    float RmsNormEpsilon = 1e-5f)
{
    /// <summary>2 layers, 128 wide, 8 query heads over 2 KV heads: the default Llama-family model, fast on a CPU.</summary>
    public static LlamaShape Tiny { get; } = new(Layers: 2, ModelDim: 128, Heads: 8, KvHeads: 2, FfnDim: 352, VocabSize: Llama3StyleTokenizer.VocabSize);

    /// <summary>Width of one attention head.</summary>
    public int HeadDim => ModelDim / Heads;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Layers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ModelDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Heads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(KvHeads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FfnDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(VocabSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ContextLength);
        if (ModelDim % Heads != 0 || Heads % KvHeads != 0 || HeadDim % 2 != 0)
        {
            throw new ArgumentException($"ModelDim {ModelDim} must split into {Heads} heads of even width, and Heads into groups of KvHeads {KvHeads}.", nameof(Heads));
        }
    }
}
