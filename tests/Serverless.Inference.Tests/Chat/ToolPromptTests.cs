using System.Text.Json;
using Serverless.Inference.Chat;
using Serverless.Inference.Chat.Jinja;
using Serverless.Inference.Tests.Chat.Jinja;
using Serverless.Inference.Tests.Fixtures;

namespace Serverless.Inference.Tests.Chat;

public sealed class ToolPromptTests
{
    private static readonly ToolFunction Weather = new(
        "get_weather", "Current weather in a city", JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement.Clone());

    private static readonly ChatTurn[] ToolLoop =
    [
        new("system", "Be brief."),
        new("user", "Weather in Oslo and Rome?"),
        new("assistant", string.Empty)
        {
            ToolCalls = [new("call_a", "get_weather", """{"city": "Oslo"}"""), new("call_b", "get_weather", """{"city":"Rome"}""")],
        },
        new("tool", "-3 C") { ToolCallId = "call_a" },
        new("tool", "21 C") { ToolCallId = "call_b" },
    ];

    [Fact]
    public void ATemplateThatReadsTools_RendersThemAndTheCalls_AsJinja2DoesWithHuggingFacesMessages()
    {
        var template = new JinjaChatTemplate(JinjaTemplate.Parse(ChatTemplateSources.ChatMl), null, null);

        var ours = template.Render(ToolLoop, [Weather]);

        // What transformers is given for the same conversation: arguments as objects, tools as {"type", "function"}.
        var context = """
            {"messages": [
              {"role": "system", "content": "Be brief."},
              {"role": "user", "content": "Weather in Oslo and Rome?"},
              {"role": "assistant", "content": "", "tool_calls": [
                {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Oslo"}}},
                {"id": "call_b", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Rome"}}}]},
              {"role": "tool", "content": "-3 C", "tool_call_id": "call_a"},
              {"role": "tool", "content": "21 C", "tool_call_id": "call_b"}],
             "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather in a city",
               "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
             "documents": null, "add_generation_prompt": true, "bos_token": "", "eos_token": ""}
            """;
        var input = JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, object> { ["name"] = "tools", ["template"] = ChatTemplateSources.ChatMl, ["context"] = JsonDocument.Parse(context).RootElement, ["now"] = "2024-07-23T14:05:09" },
        });
        var output = PythonInterpreter.RunScript(PythonInterpreter.Find("jinja2"), Path.Combine("Chat", "Jinja", "render_reference.py"), input);
        var reference = JsonDocument.Parse(output).RootElement.GetProperty("tools").GetProperty("output").GetString();

        Assert.Equal(reference, ours);
        Assert.Contains("\"name\": \"get_weather\"", ours, StringComparison.Ordinal);
        Assert.Contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Rome\"}}\n</tool_call>", ours, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBuiltInChatMl_DescribesTheToolsInTheSystemTurn_AndWritesEachCallAsATaggedObject()
    {
        var prompt = new ChatMlTemplate().Render(ToolLoop, [Weather]);

        Assert.StartsWith("<|im_start|>system\nBe brief.\n\n# Tools\n", prompt, StringComparison.Ordinal);
        Assert.Contains(
            """{"type":"function","function":{"name":"get_weather","description":"Current weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""",
            prompt,
            StringComparison.Ordinal);
        Assert.Contains(
            "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Rome\"}}\n</tool_call><|im_end|>\n",
            prompt,
            StringComparison.Ordinal);
        Assert.Contains("<|im_start|>tool\n-3 C<|im_end|>\n<|im_start|>tool\n21 C<|im_end|>\n", prompt, StringComparison.Ordinal);
        Assert.EndsWith("<|im_start|>assistant\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplateThatIgnoresTools_StillShowsThemToTheModel_InANewSystemTurn()
    {
        var llamaLike = "{%- for m in messages %}{{ '<|' + m.role + '|>' + m.content + '\n' }}{%- endfor %}{{ '<|assistant|>' }}";
        var template = new JinjaChatTemplate(JinjaTemplate.Parse(llamaLike), null, null);

        var prompt = template.Render([new ChatTurn("user", "Weather in Oslo?")], [Weather]);

        Assert.StartsWith("<|system|># Tools\n", prompt, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"get_weather\"", prompt, StringComparison.Ordinal);
        Assert.EndsWith("<|user|>Weather in Oslo?\n<|assistant|>", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTools_ThePromptIsUnchanged() =>
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", new ChatMlTemplate().Render([new ChatTurn("user", "Hi")], []));
}
