using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference;

/// <summary>Settings of the model runtime, bound from <see cref="SectionName"/>.</summary>
public sealed class InferenceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Inference";

    /// <summary>The model catalog directory: every sub-directory holding a <c>model.json</c> is one model.</summary>
    [MinLength(1)]
    public string ModelsPath { get; set; } = ".models";

    /// <summary><c>auto</c> (CUDA when available, else CPU), <c>cuda</c> (CUDA, or refuse to start) or <c>cpu</c>.</summary>
    [RegularExpression("^(?i)\\s*(auto|cuda|cpu)\\s*$", ErrorMessage = "Inference:ExecutionProvider must be auto, cuda or cpu.")]
    public string ExecutionProvider { get; set; } = "auto";

    /// <summary>Most sequences one generation model decodes together in one forward pass.</summary>
    [Range(1, 1024)]
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>ONNX Runtime intra-op threads per session; 0 keeps ONNX Runtime's default (one per core).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }
}
