using Microsoft.Extensions.Logging.Abstractions;
using Serverless.ModelBuilder;

namespace Serverless.Inference.Tests.Fixtures;

/// <summary>
/// Builds the models once per test run into a temp folder: the defaults (gpt2-tiny, llama-tiny in fp16 and
/// all-MiniLM-L6-v2), plus an fp16 gpt2-tiny and an fp32 llama-tiny; and loads them into one catalog on the CPU provider.
/// </summary>
public sealed class ModelsFixture : IAsyncLifetime
{
    public const string Gpt2Tiny = DefaultModels.GenerationModelId;
    public const string Gpt2TinyFp16 = "gpt2-tiny-fp16";
    public const string MiniLm = DefaultModels.EmbeddingModelId;
    public const string LlamaTiny = DefaultModels.LlamaModelId;
    public const string LlamaTinyFp32 = "llama-tiny-fp32";

    public string ModelsPath { get; } = Path.Combine(Path.GetTempPath(), $"serverless-inference-tests-{Guid.NewGuid():N}");

    public ModelCatalog Catalog { get; private set; } = null!;

    public GenerationModel Generation => Catalog.TryGetGeneration(Gpt2Tiny, out var model) ? model : throw new InvalidOperationException("gpt2-tiny did not load");

    public GenerationModel GenerationFp16 => Catalog.TryGetGeneration(Gpt2TinyFp16, out var model) ? model : throw new InvalidOperationException("gpt2-tiny-fp16 did not load");

    public GenerationModel Llama => Catalog.TryGetGeneration(LlamaTiny, out var model) ? model : throw new InvalidOperationException("llama-tiny did not load");

    public EmbeddingModel Embedding => Catalog.TryGetEmbedding(MiniLm, out var model) ? model : throw new InvalidOperationException("all-minilm-l6-v2 did not load");

    public async Task InitializeAsync()
    {
        await DefaultModels.EnsureAsync(ModelsPath, NullLogger.Instance);
        Gpt2ModelBuilder.WriteModelFolder(Path.Combine(ModelsPath, Gpt2TinyFp16), Gpt2TinyFp16, Gpt2Shape.Tiny, float16: true);
        LlamaModelBuilder.WriteModelFolder(Path.Combine(ModelsPath, LlamaTinyFp32), LlamaShape.Tiny, float16: false);
        Catalog = ModelCatalog.Load(new InferenceOptions { ModelsPath = ModelsPath, ExecutionProvider = "cpu" }, NullLoggerFactory.Instance);
        if (Catalog.Failures.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", Catalog.Failures));
        }
    }

    public Task DisposeAsync()
    {
        Catalog?.Dispose();
        Directory.Delete(ModelsPath, recursive: true);
        return Task.CompletedTask;
    }
}
