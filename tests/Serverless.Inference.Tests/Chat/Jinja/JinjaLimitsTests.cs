using System.Diagnostics;
using System.Text.Json.Nodes;
using Serverless.Inference.Chat.Jinja;

namespace Serverless.Inference.Tests.Chat.Jinja;

public sealed class JinjaLimitsTests
{
    private static readonly Dictionary<string, object?> NoGlobals = [];

    [Fact]
    public void Limits_Defaults_AreTheDocumentedBounds()
    {
        var limits = JinjaLimits.Default;

        Assert.Equal(1_000_000, limits.MaxOutputChars);
        Assert.Equal(100_000, limits.MaxLoopIterations);
        Assert.Equal(64, limits.MaxRecursionDepth);
        Assert.Equal(1_000_000, limits.MaxSourceChars);
    }

    [Fact]
    public void Render_NestedLoopsBeyondIterationLimit_ThrowsLimit()
    {
        var template = JinjaTemplate.Parse("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}");

        var error = Assert.Throws<JinjaException>(() => template.Render(NoGlobals));

        Assert.Equal(JinjaErrorKind.Limit, error.Kind);
        Assert.Contains("100000 loop iterations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LoopIterationLimit_CountsAcrossTheWholeRender()
    {
        var template = JinjaTemplate.Parse("{% for i in range(60) %}{% endfor %}{% for i in range(60) %}{% endfor %}", new JinjaLimits(MaxLoopIterations: 100));

        Assert.Equal(JinjaErrorKind.Limit, Assert.Throws<JinjaException>(() => template.Render(NoGlobals)).Kind);
    }

    [Fact]
    public void Render_RangeOfATrillion_FailsAtOnceWithoutAllocating()
    {
        var template = JinjaTemplate.Parse("{% for i in range(10 ** 12) %}{{ i }}{% endfor %}");
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<JinjaException>(() => template.Render(NoGlobals));

        Assert.Contains("Range too big", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Render_OutputBeyondLimit_ThrowsLimit()
    {
        var template = JinjaTemplate.Parse("{% for i in range(100) %}{{ 'x' * 50 }}{% endfor %}", new JinjaLimits(MaxOutputChars: 1_000));

        Assert.Equal(JinjaErrorKind.Limit, Assert.Throws<JinjaException>(() => template.Render(NoGlobals)).Kind);
    }

    [Theory]
    [InlineData("{{ 'x' * 10 ** 12 }}")]
    [InlineData("{{ ([1] * 10 ** 9)|length }}")]
    [InlineData("{{ ('ab' * 400000)|replace('a', 'aaaa') }}")]
    [InlineData("{{ ('a' * 900000) ~ ('b' * 900000) }}")]
    public void Render_HugeValue_IsRefusedBeforeItIsBuilt(string source)
    {
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source).Render(NoGlobals));

        Assert.Equal(JinjaErrorKind.Limit, error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Render_UnboundedMacroRecursion_ThrowsLimit()
    {
        var template = JinjaTemplate.Parse("{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}");

        var error = Assert.Throws<JinjaException>(() => template.Render(NoGlobals));

        Assert.Equal(JinjaErrorKind.Limit, error.Kind);
        Assert.Contains("macro 'down'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MacroRecursionWithinLimit_Works()
    {
        var template = JinjaTemplate.Parse("{% macro count(n) %}{% if n > 0 %}{{ n }}{{ count(n - 1) }}{% endif %}{% endmacro %}{{ count(10) }}");

        Assert.Equal("10987654321", template.Render(NoGlobals));
    }

    [Theory]
    [InlineData("{{ ns.x }}")]
    [InlineData("{{ ns.x|tojson }}")]
    [InlineData("{{ ns.x == ns.y }}")]
    public void Render_ValueNestedTooDeepForTheStack_ThrowsInsteadOfCrashing(string use)
    {
        var template = JinjaTemplate.Parse(
            "{% set ns = namespace(x=[], y=[]) %}{% for i in range(90000) %}{% set ns.x = [ns.x] %}{% set ns.y = [ns.y] %}{% endfor %}" + use);

        Assert.Equal(JinjaErrorKind.Limit, Assert.Throws<JinjaException>(() => template.Render(NoGlobals)).Kind);
    }

    [Fact]
    public void Render_WorkBeyondLimit_ThrowsLimit()
    {
        var template = JinjaTemplate.Parse("{% for i in range(100) %}{{ xs|sort|length }}{% endfor %}", new JinjaLimits(MaxWorkItems: 10_000));
        var globals = new Dictionary<string, object?> { ["xs"] = Enumerable.Range(0, 1_000).Cast<object?>().ToList() };

        Assert.Equal(JinjaErrorKind.Limit, Assert.Throws<JinjaException>(() => template.Render(globals)).Kind);
    }

    [Fact]
    public void Parse_SourceBeyondLimit_ThrowsLimit()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(new string('x', 101), new JinjaLimits(MaxSourceChars: 100)));

        Assert.Equal(JinjaErrorKind.Limit, error.Kind);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("-", "")]
    [InlineData("not ", "")]
    public void Parse_DeeplyNestedExpression_ThrowsSyntaxErrorInsteadOfOverflowingTheStack(string open, string close)
    {
        var source = "{{ " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000)) + " }}";

        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source));

        Assert.Equal(JinjaErrorKind.Syntax, error.Kind);
        Assert.Contains("nests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedBlocks_ThrowsSyntaxError()
    {
        var source = string.Concat(Enumerable.Repeat("{% if true %}", 10_000)) + string.Concat(Enumerable.Repeat("{% endif %}", 10_000));

        Assert.Equal(JinjaErrorKind.Syntax, Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source)).Kind);
    }

    [Fact]
    public void Render_InputNestedTooDeep_ThrowsLimit()
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < 500; i++)
        {
            node = new JsonArray(node);
        }

        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ x }}").Render(new Dictionary<string, object?> { ["x"] = node }));

        Assert.Equal(JinjaErrorKind.Limit, error.Kind);
    }

    [Theory]
    [InlineData("{% set a = 'x' * 1000000 %}{% set b = 'x' * 1000000 %}{% for i in range(100000) %}{% if a == b %}{% endif %}{% endfor %}")]
    [InlineData("{% set ns = namespace(s='') %}{% for i in range(100000) %}{% set ns.s = ns.s ~ 'xxxxxxxxxx' %}{% endfor %}")]
    [InlineData("{% set a = 'x' * 1000000 %}{% for i in range(100000) %}{{ a[5] }}{{ a|length }}{{ a.startswith('y') }}{% endfor %}")]
    public void Render_QuadraticStringWork_HitsTheWorkBoundQuickly(string source)
    {
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source).Render(NoGlobals));

        Assert.Equal(JinjaErrorKind.Limit, error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Parse_LongElifChain_IsNotCountedAsNesting()
    {
        var source = "{% if n == 0 %}0" + string.Concat(Enumerable.Range(1, 500).Select(i => $"{{% elif n == {i} %}}{i}")) + "{% endif %}";

        Assert.Equal("499", JinjaTemplate.Parse(source).Render(new Dictionary<string, object?> { ["n"] = 499 }));
    }

    [Theory]
    [InlineData("{{ '%99999999999d' % 1 }}")]
    [InlineData("{{ '%.2000000f' % 1.5 }}")]
    [InlineData("{{ '{:2000000}'.format('x') }}")]
    [InlineData("{{ 'x'.center(10 ** 12) }}")]
    [InlineData("{{ 'x'|indent(10 ** 12, true) }}")]
    public void Render_HugeWidthOrPrecision_ThrowsLimitNotOutOfMemory(string source)
    {
        Assert.Equal(JinjaErrorKind.Limit, Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source).Render(NoGlobals)).Kind);
    }

    [Fact]
    public void Render_SortingValuesNestedTooDeep_ThrowsJinjaException()
    {
        var template = JinjaTemplate.Parse(
            "{% set ns = namespace(x=[], y=[]) %}{% for i in range(90000) %}{% set ns.x = [ns.x] %}{% set ns.y = [ns.y] %}{% endfor %}{{ [ns.x, ns.y]|sort }}");

        Assert.Equal(JinjaErrorKind.Limit, Assert.Throws<JinjaException>(() => template.Render(NoGlobals)).Kind);
    }
}
