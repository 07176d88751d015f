using Serverless.Inference.Catalog;
using Serverless.ModelBuilder;

namespace Serverless.Inference.Benchmarks;

/// <summary>
/// A model to measure; each lives alone under its own catalog folder in the cache. <see cref="WeightBytes"/> is what
/// one decode step must read at least, which bounds batch-1 tokens/s by memory bandwidth (the roofline).
/// </summary>
internal sealed record BenchmarkModel(string Id, int MaxTokens, long WeightBytes, Action<string> Build)
{
    public static BenchmarkModel Gpt2(string id, Gpt2Shape shape, int maxTokens, bool float16 = false) => new(
        id,
        maxTokens,
        Gpt2Parameters(shape) * (float16 ? 2 : 4),
        folder => Gpt2ModelBuilder.WriteModelFolder(folder, id, shape, float16: float16));

    public static BenchmarkModel Llama(string id, LlamaShape shape, int maxTokens) => new(
        id,
        maxTokens,
        LlamaParameters(shape) * 2,
        folder => LlamaModelBuilder.WriteModelFolder(folder, shape));

    public string ParentFolder(string cache) => Path.Combine(cache, Id);

    public void EnsureBuilt(string cache)
    {
        var folder = Path.Combine(ParentFolder(cache), Id);
        if (!ModelFolders.IsModelFolder(folder))
        {
            Build(folder);
        }
    }

    private static long Gpt2Parameters(Gpt2Shape s) =>
        ((long)s.VocabSize * s.ModelDim) + ((long)s.ContextLength * s.ModelDim) + (s.Layers * ((12L * s.ModelDim * s.ModelDim) + (13L * s.ModelDim))) + (2L * s.ModelDim);

    private static long LlamaParameters(LlamaShape s)
    {
        var kv = (long)s.KvHeads * s.HeadDim;
        var layer = (2L * s.ModelDim * s.ModelDim) + (2L * s.ModelDim * kv) + (3L * s.ModelDim * s.FfnDim) + (2L * s.ModelDim);
        return (2L * s.VocabSize * s.ModelDim) + (s.Layers * layer) + s.ModelDim;
    }
}
