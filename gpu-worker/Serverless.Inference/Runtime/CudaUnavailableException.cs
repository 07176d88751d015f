namespace Serverless.Inference.Runtime;

/// <summary>
/// <c>Inference:ExecutionProvider</c> is <c>cuda</c> and CUDA cannot be used: the worker refuses to start rather than
/// serve slowly on CPU or fail later as a model load error.
/// </summary>
public sealed class CudaUnavailableException(string message) : Exception(message);
