using System.Diagnostics;

namespace Serverless.Inference.Tests.Fixtures;

/// <summary>
/// The Python that the reference checks run: <c>SERVERLESS_PYTHON</c>, else Debian's <c>/usr/bin/python3</c>
/// (where test.sh installs python3-numpy and python3-jinja2), else <c>python3</c> on the path; the first that
/// imports the modules a check needs. Without one the check fails, saying what to install.
/// </summary>
internal static class PythonInterpreter
{
    public static string Find(params string[] modules)
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("SERVERLESS_PYTHON"), "/usr/bin/python3", "python3"];
        foreach (var candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            try
            {
                if (Run(candidate!, ["-c", $"import {string.Join(", ", modules)}"], string.Empty).ExitCode == 0)
                {
                    return candidate!;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name; try the next one.
            }
        }

        throw new InvalidOperationException(
            $"No Python with {string.Join(", ", modules)} was found (tried $SERVERLESS_PYTHON, /usr/bin/python3, python3). "
            + "Install it: sudo apt-get install python3-numpy python3-jinja2 (or point SERVERLESS_PYTHON at a Python that has them).");
    }

    /// <summary>Runs a script from the test output folder with <paramref name="input"/> on stdin; returns stdout, or throws with stderr.</summary>
    public static string RunScript(string python, string script, string input)
    {
        var (exitCode, output, error) = Run(python, [Path.Combine(AppContext.BaseDirectory, script)], input);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{Path.GetFileName(script)} failed ({exitCode}): {error}");
    }

    private static (int ExitCode, string Output, string Error) Run(string fileName, string[] arguments, string input)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
