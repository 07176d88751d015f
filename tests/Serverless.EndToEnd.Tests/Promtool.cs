using System.Diagnostics;

namespace Serverless.EndToEnd.Tests;

/// <summary>Prometheus' own checker (Debian's <c>prometheus</c> package; <c>./test.sh</c> installs it when missing).</summary>
internal static class Promtool
{
    /// <summary>
    /// promtool's linter wants base units (seconds), but the seed and the dashboards name these in milliseconds;
    /// this one complaint about them is accepted, every other finding fails the check.
    /// </summary>
    private static readonly HashSet<string> MillisecondNames = ["api_request_duration_ms", "api_time_to_first_token_ms", "worker_time_to_first_token_ms"];

    /// <summary>Runs <c>promtool check metrics</c> on a scrape and fails on a parse error or any lint finding but the accepted one.</summary>
    public static async Task AssertMetricsPassAsync(string scrape)
    {
        var (exitCode, output) = await RunAsync(scrape, "check", "metrics");
        var findings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unexpected = findings.Where(f => !MillisecondNames.Any(n => f == $"{n} metric names should not contain abbreviated units")).ToArray();
        Assert.True(exitCode is 0 or 3 && unexpected.Length == 0, $"promtool check metrics exited {exitCode}:\n{output}\non:\n{scrape}");
    }

    /// <summary>Runs promtool with <paramref name="args"/>, feeding <paramref name="stdin"/>; fails the test when promtool is not installed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string? stdin, params string[] args)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "promtool"))
            .FirstOrDefault(File.Exists);
        Assert.True(path is not null, "promtool is not installed, so the Prometheus checks cannot run: apt-get install prometheus (./test.sh does it when missing).");

        var info = new ProcessStartInfo(path!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Serverless.Testing.RepositoryPaths.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
