using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Serverless.Inference.Chat;
using Serverless.Inference.Embeddings;
using Serverless.Inference.Generation;
using Serverless.Inference.Generation.Batching;
using Serverless.Inference.Runtime;
using Serverless.Inference.Tokenization;

namespace Serverless.Inference.Catalog;

/// <summary>Loads one model folder: manifest, tokenizer, ONNX session and its signature; any fault is a <see cref="ModelLoadException"/>.</summary>
internal static class ModelFolderLoader
{
    public static object Load(string folder, SessionFactory sessions, InferenceOptions options, ILogger logger)
    {
        var manifest = ManifestReader.Read(folder);
        var tokenizer = TokenizerLoader.Create(manifest.Tokenizer, folder, addBeginningOfSentence: manifest.Kind == ModelKind.Generation);
        var onnxPath = Path.Combine(folder, manifest.Onnx);
        if (!File.Exists(onnxPath))
        {
            throw new ModelLoadException(manifest.Onnx, "file not found");
        }

        var opened = sessions.Open(onnxPath);
        try
        {
            return manifest.Kind == ModelKind.Generation
                ? LoadGeneration(manifest, tokenizer, opened, options, logger)
                : LoadEmbedding(manifest, tokenizer, opened.Session);
        }
        catch
        {
            opened.Session.Dispose();
            throw;
        }
    }

    private static GenerationModel LoadGeneration(ModelManifest manifest, TextTokenizer tokenizer, OpenedSession opened, InferenceOptions options, ILogger logger)
    {
        var signature = CausalLmSignature.Read(opened.Session, manifest.Onnx);
        ChatTemplates.TryGet(manifest.ChatTemplate!, out var template);
        var model = new CausalLm(opened.Session, signature, opened.OnCuda ? DeviceCacheMemory(opened.Session, manifest.Id, logger) : null);
        var scheduler = new BatchScheduler(model, manifest.Id, options.MaxBatchSize, logger);
        return new GenerationModel(manifest, tokenizer, template!, model, scheduler);
    }

    /// <summary>CUDA memory for the KV cache when its tensors can be copied back for repacking; else host memory (null).</summary>
    private static OrtMemoryInfo? DeviceCacheMemory(InferenceSession session, string modelId, ILogger logger)
    {
        var cuda = CausalLm.CudaMemory();
        if (CausalLm.CanCopyToHost(session, cuda))
        {
            return cuda;
        }

        cuda.Dispose();
        Log.KvCacheOnHost(logger, modelId);
        return null;
    }

    private static EmbeddingModel LoadEmbedding(ModelManifest manifest, TextTokenizer tokenizer, InferenceSession session)
    {
        var signature = EmbeddingSignature.Read(session, manifest.Onnx);
        if (manifest.Dimensions is { } declared && signature.HiddenSize > 0 && declared != signature.HiddenSize)
        {
            throw new ModelLoadException(ModelJson.FileName, $"dimensions {declared} disagrees with the graph's {signature.HiddenSize}");
        }

        var dimensions = manifest.Dimensions ?? (signature.HiddenSize > 0 ? signature.HiddenSize : null);
        return new EmbeddingModel(manifest with { Dimensions = dimensions }, session, tokenizer, signature);
    }
}
