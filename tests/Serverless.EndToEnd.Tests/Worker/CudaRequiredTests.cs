using System.Diagnostics;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Worker;

/// <summary>A worker told to use CUDA where there is none (this machine) refuses to start, and says why.</summary>
public sealed class CudaRequiredTests
{
    [Fact]
    public async Task Serve_WithCudaRequiredAndNoCuda_ExitsWithAClearRefusal_AfterLoggingWhatItSees()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RepositoryPaths.WorkerDll, "serve", "--Inference:ModelsPath", RepositoryPaths.Models, "--Inference:ExecutionProvider", "cuda", "--urls", $"http://127.0.0.1:{FreePort.Next()}" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Serve__ApiKey"] = ApiSecrets.NewWorkerKey(); // so the refusal is CUDA's, not a missing setting's
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output + await errors;

        Assert.Equal(3, process.ExitCode);
        Assert.Matches(@"ONNX Runtime \d+\.\d+\.\d+; CUDA execution provider: not in this build; GPU: .+; NVIDIA driver: .+", printed);
        Assert.Contains("Inference:ExecutionProvider is 'cuda' but CUDA cannot be used", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("not loaded", printed, StringComparison.Ordinal); // not a model load error
        Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal); // no stack trace
    }
}
