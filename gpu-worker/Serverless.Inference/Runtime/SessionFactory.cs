using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Serverless.Inference.Catalog;

namespace Serverless.Inference.Runtime;

/// <summary>
/// Opens ONNX Runtime sessions on the execution provider chosen at start: CUDA first when asked for
/// (<c>auto</c>/<c>cuda</c>) and it starts, CPU otherwise. A CUDA session that fails to open turns every
/// later session to CPU, so one bad driver does not cost every model.
/// </summary>
internal sealed class SessionFactory
{
    public const string Cuda = "CUDA";
    public const string Cpu = "CPU";

    private const string CudaProviderName = "CUDAExecutionProvider";

    private readonly int intraOpThreads;
    private readonly ILogger logger;

    private SessionFactory(string provider, int intraOpThreads, ILogger logger)
    {
        Provider = provider;
        this.intraOpThreads = intraOpThreads;
        this.logger = logger;
    }

    /// <summary><see cref="Cuda"/> or <see cref="Cpu"/>.</summary>
    public string Provider { get; private set; }

    public static SessionFactory Create(InferenceOptions options, ILogger logger)
    {
        var requested = options.ExecutionProvider.Trim().ToLowerInvariant();
        if (requested == "cpu")
        {
            Log.ExecutionProviderChosen(logger, Cpu, "configured");
            return new SessionFactory(Cpu, options.IntraOpThreads, logger);
        }

        if (TryCuda(out var reason))
        {
            Log.ExecutionProviderChosen(logger, Cuda, $"configured '{requested}'");
            return new SessionFactory(Cuda, options.IntraOpThreads, logger);
        }

        Log.CudaUnavailable(logger, reason);
        Log.ExecutionProviderChosen(logger, Cpu, $"configured '{requested}', CUDA unavailable");
        return new SessionFactory(Cpu, options.IntraOpThreads, logger);
    }

    /// <summary>Opens a session; ONNX Runtime's own errors (corrupt file, unsupported op) become a load failure of that file.</summary>
    public OpenedSession Open(string path)
    {
        var file = Path.GetFileName(path);
        if (Provider == Cuda)
        {
            try
            {
                return new OpenedSession(Create(path, cuda: true), OnCuda: true);
            }
            catch (OnnxRuntimeException e) when (IsCudaFailure(e))
            {
                Log.CudaSessionFailed(logger, file, e.Message);
                Provider = Cpu;
            }
        }

        try
        {
            return new OpenedSession(Create(path, cuda: false), OnCuda: false);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException(file, $"ONNX Runtime cannot load it: {e.Message}");
        }
    }

    private InferenceSession Create(string path, bool cuda)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        if (cuda)
        {
            options.AppendExecutionProvider_CUDA(0);
        }

        else
        {
            // Between forward passes the scheduler samples on the same few cores; ONNX Runtime's workers
            // spinning for the next parallel section would take those cores from it (measured: about 15%
            // fewer tokens/s at 16 concurrent on 2 cores, and noisier single-request latency).
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        return new InferenceSession(path, options);
    }

    private static bool TryCuda(out string reason)
    {
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProviderName))
        {
            reason = "this ONNX Runtime build has no CUDA execution provider";
            return false;
        }

        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(0);
            reason = string.Empty;
            return true;
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            reason = e.Message;
            return false;
        }
    }

    private static bool IsCudaFailure(OnnxRuntimeException e) =>
        e.Message.Contains("CUDA", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("cudnn", StringComparison.OrdinalIgnoreCase);
}
