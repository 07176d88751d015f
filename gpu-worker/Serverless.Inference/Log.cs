using Microsoft.Extensions.Logging;

namespace Serverless.Inference;

/// <summary>The runtime's log events; prompts and generated text are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Execution provider {Provider} chosen ({Reason})")]
    public static partial void ExecutionProviderChosen(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CUDA execution provider unavailable, using CPU: {Reason}")]
    public static partial void CudaUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Model {ModelId} ({Kind}) loaded from folder {Folder}")]
    public static partial void ModelLoaded(ILogger logger, string modelId, ModelKind kind, string folder);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Model folder {Folder} not loaded: {File}: {Reason}")]
    public static partial void ModelLoadFailed(ILogger logger, string folder, string file, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Models path {Path} does not exist; no models loaded")]
    public static partial void ModelsPathMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Model catalog loaded: {Loaded} models, {Failed} failures")]
    public static partial void CatalogLoaded(ILogger logger, int loaded, int failed);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Scheduler for {ModelId} started, batches of up to {MaxBatchSize}")]
    public static partial void SchedulerStarted(ILogger logger, string modelId, int maxBatchSize);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Decode step of {ModelId} failed; {Sequences} sequences ended with the error")]
    public static partial void DecodeFailed(ILogger logger, Exception exception, string modelId, int sequences);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Prefill of a {PromptTokens}-token prompt on {ModelId} failed")]
    public static partial void PrefillFailed(ILogger logger, Exception exception, string modelId, int promptTokens);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "CUDA session for {File} failed to start, using CPU from now on: {Reason}")]
    public static partial void CudaSessionFailed(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "KV cache of {ModelId} kept in host memory: this ONNX Runtime cannot copy CUDA tensors back to the host")]
    public static partial void KvCacheOnHost(ILogger logger, string modelId);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "ONNX Runtime {Version}; CUDA execution provider: {Cuda}; GPU: {Gpu}; NVIDIA driver: {Driver}")]
    public static partial void RuntimeSeen(ILogger logger, string version, string cuda, string gpu, string driver);

    [LoggerMessage(EventId = 13, Level = LogLevel.Critical, Message = "{Message}")]
    public static partial void CudaRequired(ILogger logger, string message);
}
