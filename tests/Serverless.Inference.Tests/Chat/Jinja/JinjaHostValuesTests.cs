using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Inference.Chat.Jinja;

namespace Serverless.Inference.Tests.Chat.Jinja;

public sealed class JinjaHostValuesTests
{
    private static string Render(string source, object? x) => JinjaTemplate.Parse(source).Render(new Dictionary<string, object?> { ["x"] = x });

    [Theory]
    [InlineData("""{"b": 1, "a": [1, 1.0, 1e2, -0.5, true, null, "s"]}""", "{'b': 1, 'a': [1, 1.0, 100.0, -0.5, True, None, 's']}")]
    [InlineData("""[9007199254740993, 12345678901234567890]""", "[9007199254740993, 1.2345678901234567e+19]")]
    public void Render_JsonElement_KeepsOrderAndIntOrFloat(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, Render("{{ x }}", document.RootElement));
    }

    [Fact]
    public void Render_JsonNode_KeepsOrderAndIntOrFloat()
    {
        var node = new JsonObject { ["z"] = 1, ["y"] = 2.5, ["x"] = new JsonArray("a", JsonValue.Create(3L)), ["w"] = null };

        Assert.Equal("{'z': 1, 'y': 2.5, 'x': ['a', 3], 'w': None}", Render("{{ x }}", node));
    }

    [Fact]
    public void Render_NetCollections_BecomeListsAndDicts()
    {
        var value = new Dictionary<string, object?>
        {
            ["ints"] = new[] { 1, 2 },
            ["strings"] = new List<string> { "a" },
            ["decimal"] = 1.5m,
            ["long"] = 5L,
            ["float"] = 0.25f,
            ["nested"] = new Dictionary<string, string> { ["k"] = "v" },
        };

        Assert.Equal("{'ints': [1, 2], 'strings': ['a'], 'decimal': 1.5, 'long': 5, 'float': 0.25, 'nested': {'k': 'v'}}", Render("{{ x }}", value));
    }

    [Fact]
    public void Render_NullGlobal_IsNone()
    {
        Assert.Equal("True None", Render("{{ x is none }} {{ x }}", null));
    }
}
