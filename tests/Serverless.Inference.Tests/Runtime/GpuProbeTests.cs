using Serverless.Inference.Runtime;

namespace Serverless.Inference.Tests.Runtime;

public sealed class GpuProbeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("nvidia-proc-").FullName;

    [Fact]
    public void Read_DriverFiles_GiveEachGpuModelAndTheDriverVersion()
    {
        File.WriteAllText(Path.Combine(root, "version"), "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.65.06  Sun Jul 27 06:54:38 UTC 2025\nGCC version:  gcc version 12.2.0\n");
        var gpu = Directory.CreateDirectory(Path.Combine(root, "gpus", "0000:00:1e.0")).FullName;
        File.WriteAllText(Path.Combine(gpu, "information"), "Model: \t\t Tesla T4\nIRQ:   \t\t 36\nGPU UUID: \t GPU-0000\n");

        var probe = GpuProbe.Read(root);

        Assert.Equal(["Tesla T4"], probe.Gpus);
        Assert.Equal("580.65.06", probe.Driver);
        Assert.Equal("Tesla T4", probe.Describe());
    }

    [Fact]
    public void Read_NoDriver_SeesNothing()
    {
        var probe = GpuProbe.Read(Path.Combine(root, "missing"));

        Assert.Empty(probe.Gpus);
        Assert.Null(probe.Driver);
        Assert.Equal("none seen", probe.Describe());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
