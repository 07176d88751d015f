using Serverless.Inference.Chat.Jinja;

namespace Serverless.Inference.Tests.Chat.Jinja;

public sealed class JinjaSandboxTests
{
    [Theory]
    [InlineData("{{ xs.append(4) }}", "append")]
    [InlineData("{% set _ = xs.extend([4]) %}", "extend")]
    [InlineData("{{ xs.sort() }}", "sort")]
    [InlineData("{{ d.update({'b': 2}) }}", "update")]
    [InlineData("{{ d.setdefault('b', 2) }}", "setdefault")]
    public void Render_MutatingMethod_ThrowsUnsafe(string source, string method)
    {
        var xs = new List<object?> { 1, 2, 3 };
        var globals = new Dictionary<string, object?> { ["xs"] = xs, ["d"] = new Dictionary<string, object?> { ["a"] = 1 } };

        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source).Render(globals));

        Assert.Equal(JinjaErrorKind.Runtime, error.Kind);
        Assert.Contains($"'{method}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unsafe", error.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], xs);
    }

    [Theory]
    [InlineData("{{ xs.pop() }}")]
    [InlineData("{{ xs.clear() }}")]
    [InlineData("{{ d.pop('a') }}")]
    public void Render_PopOrClear_IsRefusedThoughJinja2WouldAllowIt(string source)
    {
        // jinja2's ImmutableSandboxedEnvironment forgets list.pop and list.clear; here every list and dict is immutable.
        var globals = new Dictionary<string, object?> { ["xs"] = new List<object?> { 1 }, ["d"] = new Dictionary<string, object?> { ["a"] = 1 } };

        Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source).Render(globals));
    }

    [Fact]
    public void Render_MutatingMethodNotCalled_PrintsNothing()
    {
        var globals = new Dictionary<string, object?> { ["xs"] = new List<object?> { 1 } };

        Assert.Equal("[]", JinjaTemplate.Parse("[{{ xs.append }}]").Render(globals));
    }

    [Fact]
    public void Render_DunderAttribute_IsUndefinedAndCannotBeUsed()
    {
        var template = JinjaTemplate.Parse("[{{ s.__class__ }}][{{ s.__class__ is defined }}]");

        Assert.Equal("[][False]", template.Render(new Dictionary<string, object?> { ["s"] = "x" }));
        Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ s.__class__.__mro__ }}").Render(new Dictionary<string, object?> { ["s"] = "x" }));
    }

    [Fact]
    public void Render_NetObject_IsRefusedNotReflectedInto()
    {
        var globals = new Dictionary<string, object?> { ["uri"] = new Uri("https://example.com/") };

        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ uri.Host }}").Render(globals));

        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NamespaceAttributes_AreTheOnlyThingATemplateCanChange()
    {
        var template = JinjaTemplate.Parse("{% set ns = namespace(n=1) %}{% for i in range(3) %}{% set ns.n = ns.n * 2 %}{% endfor %}{{ ns.n }}");

        Assert.Equal("8", template.Render(new Dictionary<string, object?>()));
    }

    [Fact]
    public void Render_ComplexPower_IsAnErrorRatherThanAComplexNumber()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ (-8) ** 0.5 }}").Render(new Dictionary<string, object?>()));

        Assert.Contains("complex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IntegerBeyond64Bits_IsAnError()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ 2 ** 64 }}").Render(new Dictionary<string, object?>()));

        Assert.Contains("64-bit", error.Message, StringComparison.Ordinal);
    }
}
