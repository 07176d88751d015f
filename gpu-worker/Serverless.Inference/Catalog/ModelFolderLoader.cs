using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Serverless.Inference.Chat;
using Serverless.Inference.Chat.Jinja;
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
        var template = ChatTemplateOf(manifest);
        manifest = manifest with { EosTokenIds = EndTokens(manifest, tokenizer) };
        var model = new CausalLm(opened.Session, signature, opened.OnCuda ? DeviceCacheMemory(opened.Session, manifest.Id, logger) : null);
        var scheduler = new BatchScheduler(model, manifest.Id, options.MaxBatchSize, logger);
        return new GenerationModel(manifest, tokenizer, template, model, scheduler);
    }

    /// <summary>
    /// A built-in template, or the export's Jinja template: parsed once, and tried on one user turn so a template
    /// that cannot render a plain chat is a load failure at start, not an error on every chat request.
    /// </summary>
    private static IChatTemplate ChatTemplateOf(ModelManifest manifest)
    {
        if (manifest.ChatTemplate != ChatTemplates.Jinja)
        {
            ChatTemplates.TryGet(manifest.ChatTemplate!, out var builtIn);
            return builtIn!;
        }

        try
        {
            var template = new JinjaChatTemplate(JinjaTemplate.Parse(manifest.ChatTemplateSource!), manifest.BosToken, manifest.EosToken);
            template.Render([new ChatTurn("user", "Hello")]);
            return template;
        }
        catch (JinjaException e)
        {
            throw new ModelLoadException(HuggingFaceExport.TokenizerConfig, $"chat_template: {e.Message}");
        }
    }

    /// <summary>The configured end tokens, and tokenizer_config.json's eos_token (Llama 3's &lt;|eot_id|&gt; ends a chat turn).</summary>
    private static IReadOnlyList<int> EndTokens(ModelManifest manifest, TextTokenizer tokenizer)
    {
        if (manifest.EosToken is null)
        {
            return manifest.EosTokenIds;
        }

        var id = tokenizer.TokenToId(manifest.EosToken)
            ?? throw new ModelLoadException(HuggingFaceExport.TokenizerConfig, $"eos_token '{manifest.EosToken}' is not in the vocabulary");
        return manifest.EosTokenIds.Contains(id) ? manifest.EosTokenIds : [.. manifest.EosTokenIds, id];
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
