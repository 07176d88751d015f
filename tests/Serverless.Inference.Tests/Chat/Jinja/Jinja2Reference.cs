using System.Diagnostics;
using System.Text.Json;

namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>
/// Renders every conformance case with Python's jinja2 in one process (render_reference.py), the first time a
/// result is asked for. Without a Python that has jinja2 every conformance test fails, saying how to install it.
/// </summary>
internal static class Jinja2Reference
{
    /// <summary>The wall time strftime_now sees, on both sides.</summary>
    public static readonly DateTimeOffset Now = new(2024, 7, 23, 14, 5, 9, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyDictionary<string, Jinja2Result>> Results = new(RenderAll);

    public static Jinja2Result For(string name) =>
        Results.Value.TryGetValue(name, out var result) ? result : throw new InvalidOperationException($"jinja2 returned nothing for case '{name}'.");

    private static Dictionary<string, Jinja2Result> RenderAll()
    {
        var python = FindPython() ?? throw new InvalidOperationException(
            "The Jinja conformance tests compare with Python's jinja2, and no Python with jinja2 was found (tried $SERVERLESS_PYTHON, "
            + "/usr/bin/python3, python3). Install it: sudo apt-get install python3-jinja2 (or point SERVERLESS_PYTHON at a Python that has jinja2).");
        var input = JsonSerializer.Serialize(JinjaCases.All.Select(c => new Dictionary<string, object>
        {
            ["name"] = c.Name,
            ["template"] = c.Template,
            ["context"] = JsonDocument.Parse(c.Context).RootElement,
            ["now"] = Now.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        }));
        var script = Path.Combine(AppContext.BaseDirectory, "Chat", "Jinja", "render_reference.py");
        var (exitCode, output, error) = Run(python, [script], input);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"render_reference.py failed ({exitCode}): {error}");
        }

        using var document = JsonDocument.Parse(output);
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new Jinja2Result(
                p.Value.TryGetProperty("output", out var text) ? text.GetString() : null,
                p.Value.TryGetProperty("error", out var type) ? type.GetString() : null,
                p.Value.TryGetProperty("message", out var message) ? message.GetString() : null));
    }

    private static string? FindPython()
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("SERVERLESS_PYTHON"), "/usr/bin/python3", "python3"];
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate))
            {
                continue;
            }

            try
            {
                if (Run(candidate, ["-c", "import jinja2"], "").ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name; try the next one.
            }
        }

        return null;
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
