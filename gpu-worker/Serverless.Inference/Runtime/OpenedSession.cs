using Microsoft.ML.OnnxRuntime;

namespace Serverless.Inference.Runtime;

/// <summary>A session and whether it runs on CUDA, which decides where its KV cache lives.</summary>
internal sealed record OpenedSession(InferenceSession Session, bool OnCuda);
