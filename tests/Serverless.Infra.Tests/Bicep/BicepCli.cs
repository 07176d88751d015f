using System.Diagnostics;
using System.Reflection;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Bicep;

/// <summary>The Bicep CLI from the NuGet package <c>Azure.Bicep.CommandLine.linux-x64</c> (PackageDownload); it needs no network.</summary>
internal static class BicepCli
{
    /// <summary>The entry template, relative to the repository root.</summary>
    public const string MainTemplate = "infra/main.bicep";

    private static readonly Lazy<string> Executable = new(Locate);

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in the repository root.</summary>
    public static BicepResult Run(params string[] arguments)
    {
        var info = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var diagnostics = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took over 3 minutes.");
        }

        return new BicepResult(process.ExitCode, output.Result, diagnostics.Result);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI is missing at '{path}': restore tests/Serverless.Infra.Tests (it downloads Azure.Bicep.CommandLine.linux-x64).", path);
        }

        // NuGet does not always keep the executable bit of package content.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
