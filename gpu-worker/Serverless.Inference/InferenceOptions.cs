namespace Serverless.Inference;

/// <summary>Settings of the model runtime.</summary>
public sealed class InferenceOptions
{
    /// <summary>The model catalog directory: every sub-directory holding a <c>model.json</c> is one model.</summary>
    public string ModelsPath { get; set; } = ".models";

    /// <summary><c>auto</c> (CUDA when available, else CPU), <c>cuda</c> (CUDA, or refuse to start) or <c>cpu</c>.</summary>
    public string ExecutionProvider { get; set; } = "auto";

    /// <summary>Most sequences one generation model decodes together in one forward pass.</summary>
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>ONNX Runtime intra-op threads per session; 0 keeps ONNX Runtime's default (one per core).</summary>
    public int IntraOpThreads { get; set; }
}
