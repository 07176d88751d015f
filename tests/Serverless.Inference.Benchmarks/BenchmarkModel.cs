using Serverless.ModelBuilder;

namespace Serverless.Inference.Benchmarks;

/// <summary>A GPT-2 shaped model to measure; each lives alone under its own catalog folder in the cache.</summary>
internal sealed record BenchmarkModel(string Id, Gpt2Shape Shape, int MaxTokens)
{
    public string ParentFolder(string cache) => Path.Combine(cache, Id);

    public void EnsureBuilt(string cache)
    {
        var folder = Path.Combine(ParentFolder(cache), Id);
        if (!File.Exists(Path.Combine(folder, "model.json")))
        {
            Gpt2ModelBuilder.WriteModelFolder(folder, Id, Shape);
        }
    }
}
