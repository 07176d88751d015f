using Serverless.Inference.Chat.Jinja;

namespace Serverless.Inference.Tests.Chat.Jinja;

public sealed class JinjaErrorMessageTests
{
    private static readonly Dictionary<string, object?> NoGlobals = [];

    [Fact]
    public void Parse_UnclosedIf_NamesTheMissingTagAndWhereTheTemplateEnds()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("line one\n{% if x %}\nbody"));

        Assert.Equal(JinjaErrorKind.Syntax, error.Kind);
        Assert.Equal(3, error.Line);
        Assert.Contains("'endif'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'if'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 3, column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadExpression_NamesLineAndColumn()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("a\nb\n  {{ 1 + }}"));

        Assert.Equal(3, error.Line);
        Assert.Equal(10, error.Column);
        Assert.EndsWith("(line 3, column 10)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFilter_NamesIt()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("\n{{ x | shout }}"));

        Assert.Contains("No filter named 'shout'.", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("{% include 'other.jinja' %}", "'include' tag is not supported")]
    [InlineData("{% extends 'base' %}", "'extends' tag is not supported")]
    [InlineData("{% for x in xs recursive %}{% endfor %}", "recursive loops are not supported")]
    [InlineData("{{ xs|groupby('a') }}", "'groupby' filter is not supported")]
    [InlineData("{{ f(*args) }}", "*args and **kwargs")]
    [InlineData("{% frobnicate %}", "Encountered unknown tag 'frobnicate'.")]
    [InlineData("{% for x in xs %}{% endif %}", "looking for the following tags: 'endfor' or 'else'")]
    [InlineData("{% break %}", "'break' outside loop")]
    [InlineData("{{ 'open }}", "unexpected char")]
    [InlineData("{# never closed", "Missing end of comment tag")]
    [InlineData("{% raw %}never closed", "Missing end of raw directive")]
    [InlineData("{% macro m(a=1, b) %}{% endmacro %}", "non-default argument follows default argument")]
    public void Parse_UnsupportedOrBrokenConstruct_SaysWhat(string source, string expected)
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source));

        Assert.Equal(JinjaErrorKind.Syntax, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RuntimeError_NamesTheLine()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("a\n\n{{ 1 // 0 }}").Render(NoGlobals));

        Assert.Equal(JinjaErrorKind.Runtime, error.Kind);
        Assert.Equal(3, error.Line);
        Assert.Equal("integer division or modulo by zero (line 3)", error.Message);
    }

    [Fact]
    public void Render_RaiseException_CarriesTheTemplatesMessageUnchanged()
    {
        var template = JinjaTemplate.Parse("ok\n{% if true %}{{ raise_exception('Roles must alternate, got ' ~ role) }}{% endif %}");

        var error = Assert.Throws<JinjaException>(() => template.Render(new Dictionary<string, object?> { ["role"] = "tool" }));

        Assert.Equal(JinjaErrorKind.Raised, error.Kind);
        Assert.Equal("Roles must alternate, got tool", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Render_UndefinedAttribute_SaysWhichNameIsUndefined()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ message.role }}").Render(NoGlobals));

        Assert.Equal("'message' is undefined (line 1)", error.Message);
    }

    [Fact]
    public void Render_AttributeOfMissingKey_SaysWhichKeyIsMissing()
    {
        var globals = new Dictionary<string, object?> { ["message"] = new Dictionary<string, object?> { ["role"] = "user" } };

        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ message.tool_calls.name }}").Render(globals));

        Assert.StartsWith("'dict object' has no attribute 'tool_calls'", error.Message, StringComparison.Ordinal);
    }
}
