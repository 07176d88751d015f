using System.Text.Json.Nodes;
using Serverless.Inference.Chat;
using Serverless.Inference.Chat.Jinja;
using Serverless.Inference.Tests.Chat.Jinja;

namespace Serverless.Inference.Tests.Chat;

public sealed class JinjaChatTemplateTests
{
    private static readonly ChatTurn[] Turns = [new("system", "Be brief."), new("user", "Hi!")];

    [Fact]
    public void Render_ChatMlTemplateSource_MatchesTheBuiltInChatMlTemplate()
    {
        var source = "{% for m in messages %}{{ '<|im_start|>' + m.role + '\n' + m.content + '<|im_end|>' + '\n' }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";
        var template = new JinjaChatTemplate(JinjaTemplate.Parse(source), bosToken: null, eosToken: null);

        Assert.Equal(new ChatMlTemplate().Render(Turns, []), template.Render(Turns));
    }

    [Fact]
    public void Render_Turns_PassTokensAndAGenerationPrompt()
    {
        var template = new JinjaChatTemplate(
            JinjaTemplate.Parse("{{ bos_token }}|{{ eos_token }}|{{ add_generation_prompt }}|{{ messages|length }}|{{ messages[1].content }}"), "<s>", "</s>");

        Assert.Equal("<s>|</s>|True|2|Hi!", template.Render(Turns));
    }

    [Fact]
    public void Render_NullTokens_AreEmptyStrings()
    {
        var template = new JinjaChatTemplate(JinjaTemplate.Parse("[{{ bos_token }}][{{ eos_token }}]{{ bos_token is string }}"), null, null);

        Assert.Equal("[][]True", template.Render(Turns));
    }

    [Fact]
    public void Render_WithoutTools_ToolsIsNoneAsInHuggingFace()
    {
        // apply_chat_template passes tools=None and documents=None, so "tools is not none" is the test that works.
        var template = new JinjaChatTemplate(JinjaTemplate.Parse("{{ tools is defined }} {{ tools is none }} {{ documents is none }}"), null, null);

        Assert.Equal("True True True", template.Render(Turns));
    }

    [Fact]
    public void Render_MessagesWithToolCallsAndTools_RendersThemAsJson()
    {
        var source = "{% for t in tools %}{{ t|tojson }}\n{% endfor %}"
            + "{% for m in messages %}{{ m.role }}:{% if m.tool_calls %}{{ m.tool_calls[0].function.arguments|tojson }}{% else %}{{ m.content }}{% endif %}{{ '\n' }}{% endfor %}"
            + "{{ add_generation_prompt }}";
        var template = new JinjaChatTemplate(JinjaTemplate.Parse(source), null, null);
        var messages = new List<IReadOnlyDictionary<string, object?>>
        {
            new Dictionary<string, object?> { ["role"] = "user", ["content"] = "Weather?" },
            new Dictionary<string, object?>
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = JsonNode.Parse("""[{"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris", "days": 2}}}]"""),
            },
            new Dictionary<string, object?> { ["role"] = "tool", ["content"] = "21.5" },
        };
        var tools = new List<object?> { JsonNode.Parse("""{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}""") };

        var text = template.Render(messages, tools, addGenerationPrompt: false);

        Assert.Equal(
            """
            {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
            user:Weather?
            assistant:{"city": "Paris", "days": 2}
            tool:21.5
            False
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Render_TemplateRaises_ThrowsWithTheTemplatesMessage()
    {
        var template = new JinjaChatTemplate(
            JinjaTemplate.Parse(ChatTemplateSources.Gemma), "<bos>", "<eos>");

        var error = Assert.Throws<JinjaException>(() => template.Render([new ChatTurn("user", "a"), new ChatTurn("user", "b")]));

        Assert.Equal(JinjaErrorKind.Raised, error.Kind);
        Assert.Equal("Turns must alternate between user and model.", error.Message);
    }

    [Fact]
    public void Render_SameTemplateTwice_GivesTheSameTextEachTime()
    {
        var template = new JinjaChatTemplate(JinjaTemplate.Parse(ChatTemplateSources.ChatMl), null, null);

        Assert.Equal(template.Render(Turns), template.Render(Turns));
    }
}
