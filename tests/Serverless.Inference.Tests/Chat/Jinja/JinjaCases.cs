namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>All conformance cases, grouped as the theories use them, and the shared data most of them render with.</summary>
public static class JinjaCases
{
    /// <summary>Globals for the small feature cases: the value kinds templates meet, as JSON.</summary>
    public const string Data = """
        {
          "xs": [1, 2, 3], "words": ["b", "A", "c", "a"], "d": {"b": 2, "a": 1, "items": 5}, "s": "Hello World",
          "n": 7, "f": 2.5, "empty": [], "nothing": null, "yes": true, "no": false, "zero": 0,
          "users": [{"name": "Ann", "age": 30, "role": "admin"}, {"name": "bob", "age": 25}, {"name": "Cy", "age": 30, "role": "user"}],
          "nested": {"a": {"b": [10, 20, {"c": "deep"}]}},
          "text": "  line one\nline two\n\n  line four  ",
          "unicode": "héllo wörld ✓ 😀",
          "pairs": [["a", 1], ["b", 2]],
          "floats": [0.1, 1.0, 2.5e-7, 1e21, 3.0]
        }
        """;

    public static IReadOnlyList<JinjaCase> All { get; } =
    [
        .. JinjaSyntaxCases.All, .. JinjaStatementCases.All, .. JinjaExpressionCases.All, .. JinjaFilterCases.All,
        .. JinjaTestCases.All, .. JinjaErrorCases.All, .. JinjaChatTemplateCases.All, .. JinjaEdgeCases.All,
    ];

    private static readonly Dictionary<string, JinjaCase> ByName = All.ToDictionary(c => c.Name);

    public static JinjaCase Get(string name) => ByName[name];

    public static TheoryData<string> Names(IEnumerable<JinjaCase> cases) => [.. cases.Select(c => c.Name)];
}
