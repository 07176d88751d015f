using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Serverless.Inference.Catalog;

namespace Serverless.Inference.Runtime;

/// <summary>
/// Opens ONNX Runtime sessions on the execution provider chosen at start: CUDA when asked for (<c>auto</c>/<c>cuda</c>)
/// and it starts; with <c>auto</c> CPU otherwise, while <c>cuda</c> refuses to start without it. A CUDA session that
/// fails to open turns every later session to CPU, so one bad driver does not cost every model.
/// </summary>
internal sealed class SessionFactory
{
    public const string Cuda = "CUDA";
    public const string Cpu = "CPU";

    private const string CudaProviderName = "CUDAExecutionProvider";

    private readonly int intraOpThreads;
    private readonly ILogger logger;
    private readonly bool cudaRequired;

    private SessionFactory(string provider, int intraOpThreads, ILogger logger, bool cudaRequired = false)
    {
        Provider = provider;
        this.cudaRequired = cudaRequired;
        this.intraOpThreads = intraOpThreads;
        this.logger = logger;
    }

    /// <summary><see cref="Cuda"/> or <see cref="Cpu"/>.</summary>
    public string Provider { get; private set; }

    /// <summary>Logs what the runtime sees (ONNX Runtime, its CUDA provider, the GPU and driver) and chooses the provider.</summary>
    /// <exception cref="CudaUnavailableException"><c>cuda</c> was asked for and CUDA cannot be used.</exception>
    public static SessionFactory Create(InferenceOptions options, ILogger logger)
    {
        var requested = options.ExecutionProvider.Trim().ToLowerInvariant();
        var gpu = GpuProbe.Read();
        var cudaBuilt = OrtEnv.Instance().GetAvailableProviders().Contains(CudaProviderName);
        Log.RuntimeSeen(logger, OrtEnv.Instance().GetVersionString(), cudaBuilt ? "built in" : "not in this build", gpu.Describe(), gpu.Driver ?? "none seen");
        if (requested == "cpu")
        {
            Log.ExecutionProviderChosen(logger, Cpu, "configured");
            return new SessionFactory(Cpu, options.IntraOpThreads, logger);
        }

        if (TryCuda(out var reason))
        {
            Log.ExecutionProviderChosen(logger, Cuda, $"configured '{requested}'");
            return new SessionFactory(Cuda, options.IntraOpThreads, logger, cudaRequired: requested == "cuda");
        }

        if (requested == "cuda")
        {
            throw Refuse(logger, reason, gpu);
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
                if (cudaRequired)
                {
                    throw Refuse(logger, $"a CUDA session for {file} failed to start: {e.Message}", GpuProbe.Read());
                }

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

    private static CudaUnavailableException Refuse(ILogger logger, string reason, GpuProbe gpu)
    {
        var message = $"Inference:ExecutionProvider is 'cuda' but CUDA cannot be used: {reason}. GPU seen: {gpu.Describe()}; "
            + $"NVIDIA driver: {gpu.Driver ?? "none seen"}. Run on a GPU with the NVIDIA driver the image needs, "
            + "or set Inference:ExecutionProvider to 'auto' to fall back to CPU.";
        Log.CudaRequired(logger, message);
        return new CudaUnavailableException(message);
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
