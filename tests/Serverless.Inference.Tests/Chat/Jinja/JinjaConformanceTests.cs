using System.Text.Json;
using Serverless.Inference.Chat.Jinja;

namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>
/// Renders each case with our interpreter and with Python's jinja2 (as Hugging Face sets it up) and wants the
/// same text byte for byte, or both failing; a raise_exception message must match exactly.
/// </summary>
public sealed class JinjaConformanceTests
{
    public static TheoryData<string> Syntax => JinjaCases.Names(JinjaSyntaxCases.All);

    public static TheoryData<string> Statements => JinjaCases.Names(JinjaStatementCases.All);

    public static TheoryData<string> Expressions => JinjaCases.Names(JinjaExpressionCases.All);

    public static TheoryData<string> Filters => JinjaCases.Names(JinjaFilterCases.All);

    public static TheoryData<string> Tests => JinjaCases.Names(JinjaTestCases.All);

    public static TheoryData<string> Errors => JinjaCases.Names(JinjaErrorCases.All);

    public static TheoryData<string> ChatTemplates => JinjaCases.Names(JinjaChatTemplateCases.All);

    [Theory]
    [MemberData(nameof(Syntax))]
    public void Render_SyntaxAndWhitespaceControl_MatchesJinja2(string name) => AssertMatchesJinja2(name);

    [Theory]
    [MemberData(nameof(Statements))]
    public void Render_Statement_MatchesJinja2(string name) => AssertMatchesJinja2(name);

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Render_Expression_MatchesJinja2(string name) => AssertMatchesJinja2(name);

    [Theory]
    [MemberData(nameof(Filters))]
    public void Render_Filter_MatchesJinja2(string name) => AssertMatchesJinja2(name);

    [Theory]
    [MemberData(nameof(Tests))]
    public void Render_Test_MatchesJinja2(string name) => AssertMatchesJinja2(name);

    [Theory]
    [MemberData(nameof(Errors))]
    public void Render_FailingTemplate_FailsLikeJinja2(string name) => AssertMatchesJinja2(name);

    public static TheoryData<string> EdgeCases => JinjaCases.Names(JinjaEdgeCases.All);

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Render_EdgeCase_MatchesJinja2(string name) => AssertMatchesJinja2(name);

    [Theory]
    [MemberData(nameof(ChatTemplates))]
    public void Render_ChatTemplate_MatchesJinja2(string name) => AssertMatchesJinja2(name);

    private static void AssertMatchesJinja2(string name)
    {
        var testCase = JinjaCases.Get(name);
        var expected = Jinja2Reference.For(name);
        string? actual = null;
        JinjaException? error = null;
        try
        {
            actual = JinjaTemplate.Parse(testCase.Template).Render(Globals(testCase.Context), new FixedTimeProvider(Jinja2Reference.Now));
        }
        catch (JinjaException e)
        {
            error = e;
        }

        if (expected.Error is null)
        {
            Assert.True(error is null, $"jinja2 rendered {JsonSerializer.Serialize(expected.Output)} but we failed: {error?.Message}");
            Assert.Equal(expected.Output, actual);
            return;
        }

        Assert.True(error is not null, $"jinja2 failed ({expected.Error}: {expected.Message}) but we rendered {JsonSerializer.Serialize(actual)}");
        if (expected.Error == "TemplateError")
        {
            // raise_exception: the template's own message reaches the caller unchanged.
            Assert.Equal(JinjaErrorKind.Raised, error.Kind);
            Assert.Equal(expected.Message, error.Message);
        }
    }

    private static Dictionary<string, object?> Globals(string context)
    {
        using var document = JsonDocument.Parse(context);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
    }
}
