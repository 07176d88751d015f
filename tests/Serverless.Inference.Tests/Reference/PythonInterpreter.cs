using System.Diagnostics;

namespace Serverless.Inference.Tests.Reference;

/// <summary>
/// The Python that the reference checks run: <c>SERVERLESS_PYTHON</c>, else Debian's <c>/usr/bin/python3</c>
/// (where test.sh installs python3-numpy and python3-jinja2), else <c>python3</c> on the path; the first that
/// imports the modules a check needs.
/// </summary>
internal static class PythonInterpreter
{
    public static string Find(params string[] modules)
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("SERVERLESS_PYTHON"), "/usr/bin/python3", "python3"];
        foreach (var candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (Imports(candidate!, modules))
            {
                return candidate!;
            }
        }

        throw new InvalidOperationException(
            $"No Python with {string.Join(", ", modules)} was found; install them (apt-get install python3-numpy python3-jinja2) or set SERVERLESS_PYTHON.");
    }

    /// <summary>Runs a script with JSON on stdin; returns stdout, or throws with stderr when it fails.</summary>
    public static string Run(string python, string script, string input)
    {
        var start = new ProcessStartInfo(python, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{Path.GetFileName(script)} failed: {error.Result}");
    }

    private static bool Imports(string python, string[] modules)
    {
        try
        {
            var start = new ProcessStartInfo(python, ["-c", $"import {string.Join(", ", modules)}"]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
