using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Serverless.Inference.Catalog;
using Serverless.Inference.Runtime;

namespace Serverless.Inference;

/// <summary>
/// Every model under <see cref="InferenceOptions.ModelsPath"/>, loaded once at start. A broken folder is
/// recorded in <see cref="Failures"/> and logged; the others still load.
/// </summary>
public sealed class ModelCatalog : IDisposable
{
    private readonly Dictionary<string, GenerationModel> generation;
    private readonly Dictionary<string, EmbeddingModel> embedding;
    private int disposed;

    private ModelCatalog(string executionProvider, Dictionary<string, GenerationModel> generation, Dictionary<string, EmbeddingModel> embedding, IReadOnlyList<ModelLoadFailure> failures)
    {
        ExecutionProvider = executionProvider;
        this.generation = generation;
        this.embedding = embedding;
        Failures = failures;
        Models = [.. generation.Values.Select(m => m.Manifest).Concat(embedding.Values.Select(m => m.Manifest)).OrderBy(m => m.Id, StringComparer.Ordinal)];
    }

    /// <summary><c>CUDA</c> or <c>CPU</c>: where the models run.</summary>
    public string ExecutionProvider { get; }

    /// <summary>The loaded models, ordered by id.</summary>
    public IReadOnlyList<ModelManifest> Models { get; }

    /// <summary>The folders that did not load, and why.</summary>
    public IReadOnlyList<ModelLoadFailure> Failures { get; }

    /// <summary>Loads every folder under <see cref="InferenceOptions.ModelsPath"/> with a model.json or a Hugging Face export's config.json.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static ModelCatalog Load(InferenceOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Validate(options);

        var logger = loggerFactory.CreateLogger<ModelCatalog>();
        var sessions = SessionFactory.Create(options, logger);
        var generation = new Dictionary<string, GenerationModel>(StringComparer.Ordinal);
        var embedding = new Dictionary<string, EmbeddingModel>(StringComparer.Ordinal);
        var failures = new List<ModelLoadFailure>();

        if (!Directory.Exists(options.ModelsPath))
        {
            Log.ModelsPathMissing(logger, options.ModelsPath);
        }
        else
        {
            var folders = Directory.GetDirectories(options.ModelsPath)
                .Where(ModelFolders.IsModelFolder)
                .Order(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                var name = Path.GetFileName(folder);
                try
                {
                    var model = ModelFolderLoader.Load(folder, sessions, options, logger);
                    var manifest = model is GenerationModel g ? g.Manifest : ((EmbeddingModel)model).Manifest;
                    if (generation.ContainsKey(manifest.Id) || embedding.ContainsKey(manifest.Id))
                    {
                        Shutdown(model);
                        throw new ModelLoadException(ModelJson.FileName, $"id '{manifest.Id}' is already served by another folder");
                    }

                    if (model is GenerationModel generationModel)
                    {
                        generation.Add(manifest.Id, generationModel);
                    }
                    else
                    {
                        embedding.Add(manifest.Id, (EmbeddingModel)model);
                    }

                    Log.ModelLoaded(logger, manifest.Id, manifest.Kind, name);
                }
                catch (ModelLoadException e)
                {
                    Log.ModelLoadFailed(logger, name, e.File, e.Reason);
                    failures.Add(new ModelLoadFailure(name, e.File, e.Reason));
                }
            }
        }

        Log.CatalogLoaded(logger, generation.Count + embedding.Count, failures.Count);
        return new ModelCatalog(sessions.Provider, generation, embedding, failures);
    }

    /// <summary>The generation model with this id, if one loaded.</summary>
    public bool TryGetGeneration(string id, [NotNullWhen(true)] out GenerationModel? model) => generation.TryGetValue(id, out model);

    /// <summary>The embedding model with this id, if one loaded.</summary>
    public bool TryGetEmbedding(string id, [NotNullWhen(true)] out EmbeddingModel? model) => embedding.TryGetValue(id, out model);

    /// <summary>Stops every scheduler (streams still open end with <see cref="ObjectDisposedException"/>) and releases the sessions.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        foreach (var model in generation.Values)
        {
            model.Shutdown();
        }

        foreach (var model in embedding.Values)
        {
            model.Shutdown();
        }
    }

    private static void Validate(InferenceOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelsPath))
        {
            throw new ArgumentException("ModelsPath is required.", nameof(options));
        }

        if (options.ExecutionProvider.Trim().ToLowerInvariant() is not ("auto" or "cuda" or "cpu"))
        {
            throw new ArgumentException($"ExecutionProvider '{options.ExecutionProvider}' is not auto, cuda or cpu.", nameof(options));
        }

        if (options.MaxBatchSize < 1 || options.IntraOpThreads < 0)
        {
            throw new ArgumentException("MaxBatchSize must be at least 1 and IntraOpThreads not negative.", nameof(options));
        }
    }

    private static void Shutdown(object model)
    {
        if (model is GenerationModel generationModel)
        {
            generationModel.Shutdown();
        }
        else
        {
            ((EmbeddingModel)model).Shutdown();
        }
    }
}
