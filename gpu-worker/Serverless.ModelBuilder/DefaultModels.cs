using Microsoft.Extensions.Logging;
using Serverless.Inference.Catalog;
using Serverless.ModelBuilder.MiniLm;

namespace Serverless.ModelBuilder;

/// <summary>
/// The models every installation has without a model hub: a GPT-2 shaped generator, a Llama-family generator
/// in Hugging Face export form, and all-MiniLM-L6-v2.
/// </summary>
public static class DefaultModels
{
    /// <summary>The id of the default generation model (<see cref="Gpt2Shape.Tiny"/>, seed 42, fp32).</summary>
    public const string GenerationModelId = "gpt2-tiny";

    /// <summary>The id of the Llama-family default model (<see cref="LlamaShape.Tiny"/>, seed 42, fp16), served from its folder name.</summary>
    public const string LlamaModelId = "llama-tiny";

    /// <summary>The id of the default embedding model.</summary>
    public const string EmbeddingModelId = "all-minilm-l6-v2";

    /// <summary>The <c>created</c> of the models this project builds: fixed (2025-01-01T00:00:00Z) so a rebuilt folder is byte-identical.</summary>
    internal const long BuiltInCreated = 1_735_689_600;

    /// <summary>Ensures the default model folders exist under modelsPath, building what is missing (atomically: build in a temp sibling folder, then rename); returns quickly when present.</summary>
    public static Task EnsureAsync(string modelsPath, ILogger logger, CancellationToken cancellationToken = default) =>
        EnsureAsync(modelsPath, logger, MiniLmModel.DefaultAssemblyPath, cancellationToken);

    internal static async Task EnsureAsync(string modelsPath, ILogger logger, string miniLmAssemblyPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsPath);
        ArgumentNullException.ThrowIfNull(logger);

        await EnsureOneAsync(modelsPath, GenerationModelId, logger,
            folder => Gpt2ModelBuilder.WriteModelFolder(folder, GenerationModelId, Gpt2Shape.Tiny), cancellationToken).ConfigureAwait(false);
        await EnsureOneAsync(modelsPath, LlamaModelId, logger,
            folder => LlamaModelBuilder.WriteModelFolder(folder, LlamaShape.Tiny), cancellationToken).ConfigureAwait(false);
        await EnsureOneAsync(modelsPath, EmbeddingModelId, logger,
            folder => MiniLmModel.WriteModelFolder(folder, EmbeddingModelId, miniLmAssemblyPath), cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureOneAsync(string modelsPath, string id, ILogger logger, Action<string> build, CancellationToken cancellationToken)
    {
        var target = Path.Combine(modelsPath, id);
        if (ModelFolders.IsModelFolder(target))
        {
            DefaultModelsLog.Present(logger, id);
            return;
        }

        if (Directory.Exists(target))
        {
            throw new InvalidOperationException($"'{target}' exists but holds no {ModelJson.FileName} or config.json; remove it so the default model '{id}' can be built there.");
        }

        // The staging folder sits one level deeper than the catalog looks, so a half-built model
        // is never listed, and on the same volume, so the final rename is atomic.
        var staging = Path.Combine(modelsPath, $".building-{id}-{Guid.NewGuid():N}");
        var built = Path.Combine(staging, id);
        try
        {
            DefaultModelsLog.Building(logger, id, target);
            var started = TimeProvider.System.GetTimestamp();
            await Task.Run(() => build(built), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            Publish(built, target, id, logger);
            DefaultModelsLog.Built(logger, id, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void Publish(string built, string target, string id, ILogger logger)
    {
        try
        {
            Directory.Move(built, target);
        }
        catch (IOException) when (ModelFolders.IsModelFolder(target))
        {
            // Another process (a second worker on the same share) published it first; its copy is as good as ours.
            DefaultModelsLog.BuiltElsewhere(logger, id);
        }
    }
}
