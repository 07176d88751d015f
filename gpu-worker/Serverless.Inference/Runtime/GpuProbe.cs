using System.Text.RegularExpressions;

namespace Serverless.Inference.Runtime;

/// <summary>
/// The NVIDIA GPUs and driver this machine shows, read from the driver's files under <c>/proc/driver/nvidia</c>
/// (what a container with GPU access sees; no tool is needed). Empty where there is no NVIDIA driver.
/// </summary>
/// <param name="Gpus">Each GPU's model name, e.g. <c>Tesla T4</c>.</param>
/// <param name="Driver">The kernel driver's version, e.g. <c>580.65.06</c>; null without a driver.</param>
internal sealed partial record GpuProbe(IReadOnlyList<string> Gpus, string? Driver)
{
    private const string DriverRoot = "/proc/driver/nvidia";

    /// <summary>What the driver files say, or nothing when they are absent or unreadable.</summary>
    public static GpuProbe Read(string root = DriverRoot)
    {
        try
        {
            var version = Path.Combine(root, "version");
            var driver = File.Exists(version) ? DriverVersion().Match(File.ReadAllText(version)) : Match.Empty;
            var gpusFolder = Path.Combine(root, "gpus");
            var gpus = Directory.Exists(gpusFolder)
                ? Directory.GetDirectories(gpusFolder).Order(StringComparer.Ordinal)
                    .Select(g => Path.Combine(g, "information"))
                    .Where(File.Exists)
                    .Select(f => ModelLine().Match(File.ReadAllText(f)))
                    .Where(m => m.Success)
                    .Select(m => m.Groups[1].Value.Trim())
                    .ToList()
                : [];
            return new GpuProbe(gpus, driver.Success ? driver.Groups[1].Value : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new GpuProbe([], null);
        }
    }

    /// <summary>For the start-up log: the GPUs, or that none is seen.</summary>
    public string Describe() => Gpus.Count == 0 ? "none seen" : string.Join(", ", Gpus);

    // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.65.06  Sun Jul 27 ..."
    [GeneratedRegex(@"Kernel Module\s+([0-9][0-9.]*)")]
    private static partial Regex DriverVersion();

    // "Model: 		 Tesla T4"
    [GeneratedRegex(@"^Model:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ModelLine();
}
