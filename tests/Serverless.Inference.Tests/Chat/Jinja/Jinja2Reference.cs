using System.Text.Json;
using Serverless.Inference.Tests.Fixtures;

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
        var python = PythonInterpreter.Find("jinja2");
        var input = JsonSerializer.Serialize(JinjaCases.All.Select(c => new Dictionary<string, object>
        {
            ["name"] = c.Name,
            ["template"] = c.Template,
            ["context"] = JsonDocument.Parse(c.Context).RootElement,
            ["now"] = Now.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        }));
        var output = PythonInterpreter.RunScript(python, Path.Combine("Chat", "Jinja", "render_reference.py"), input);

        using var document = JsonDocument.Parse(output);
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new Jinja2Result(
                p.Value.TryGetProperty("output", out var text) ? text.GetString() : null,
                p.Value.TryGetProperty("error", out var type) ? type.GetString() : null,
                p.Value.TryGetProperty("message", out var message) ? message.GetString() : null));
    }
}
