using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Inference;
using Serverless.ModelBuilder;
using Serverless.Testing;

namespace Serverless.Worker.Tests;

/// <summary>The default models of the shared cache (built when missing), loaded once on the CPU.</summary>
public sealed class WorkerModels : IAsyncLifetime
{
    private ModelCatalog? catalog;

    /// <summary>gpt2-tiny: a 1,024-token context and GPT-2's byte-level BPE.</summary>
    public GenerationModel Generation =>
        catalog!.TryGetGeneration(DefaultModels.GenerationModelId, out var model) ? model : throw new InvalidOperationException("gpt2-tiny did not load");

    public async Task InitializeAsync()
    {
        await DefaultModels.EnsureAsync(RepositoryPaths.Models, NullLogger.Instance);
        catalog = ModelCatalog.Load(new InferenceOptions { ModelsPath = RepositoryPaths.Models, ExecutionProvider = "cpu" }, NullLoggerFactory.Instance);
    }

    public Task DisposeAsync()
    {
        catalog?.Dispose();
        return Task.CompletedTask;
    }
}
