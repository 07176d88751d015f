using Serverless.Inference.Chat.Jinja;

namespace Serverless.Inference.Tests.Chat.Jinja;

public sealed class JinjaUndefinedTests
{
    private static readonly Dictionary<string, object?> Message = new()
    {
        ["message"] = new Dictionary<string, object?> { ["role"] = "user", ["content"] = "hi" },
    };

    [Theory]
    [InlineData("[{{ missing }}]", "[]")]
    [InlineData("{% if missing %}yes{% else %}no{% endif %}", "no")]
    [InlineData("{% for x in missing %}x{% else %}empty{% endfor %}", "empty")]
    [InlineData("{{ missing is defined }} {{ missing is undefined }}", "False True")]
    [InlineData("{{ missing|default('d') }} {{ missing|length }} [{{ missing|upper }}] [{{ missing|join(',') }}]", "d 0 [] []")]
    [InlineData("{{ message.role }} {{ message['content'] }}", "user hi")]
    [InlineData("[{{ message.tool_calls }}] {{ message.tool_calls is defined }}", "[] False")]
    [InlineData("{{ 'a' ~ missing ~ 'b' }}", "ab")]
    [InlineData("{{ ('x' if false) is defined }}", "False")]
    public void Render_Undefined_BehavesLikeJinja2DefaultUndefined(string source, string expected)
    {
        Assert.Equal(expected, JinjaTemplate.Parse(source).Render(Message));
    }

    [Theory]
    [InlineData("{{ missing.x }}")]
    [InlineData("{{ missing['x'] }}")]
    [InlineData("{{ missing() }}")]
    [InlineData("{{ missing + 1 }}")]
    [InlineData("{{ missing < 1 }}")]
    [InlineData("{{ missing|int }}")]
    [InlineData("{{ missing|tojson }}")]
    public void Render_OtherUseOfUndefined_Throws(string source)
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source).Render(Message));

        Assert.Equal(JinjaErrorKind.Runtime, error.Kind);
    }
}
