using System.Text.Json;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Serialization;
using Serverless.OpenAI.Validation;

namespace Serverless.Api.Tests.Validation;

public sealed class ChatToolsValidationTests
{
    private static readonly ChatCompletionRequest Chat = new()
    {
        Model = "m",
        Messages = [new ChatMessage { Role = "user", Content = "What is the weather in Paris?" }],
    };

    private static readonly ChatTool Weather = Tool("get_weather", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");

    [Fact]
    public void Validate_AcceptsToolsChoicesAndAFullToolTurn()
    {
        var conversation = Chat with
        {
            Tools = [Weather, Tool("get_time", null)],
            ToolChoice = new ToolChoice(ToolChoice.Function, "get_time"),
            ParallelToolCalls = false,
            Messages =
            [
                .. Chat.Messages!,
                new ChatMessage { Role = "assistant", ToolCalls = [new ToolCall("call_1", "function", new FunctionCall("get_weather", """{"city":"Paris"}"""))] },
                new ChatMessage { Role = "tool", ToolCallId = "call_1", Content = "18 C and sunny" },
            ],
        };

        Assert.Null(RequestValidator.Validate(conversation));
        Assert.Null(RequestValidator.Validate(Chat with { Tools = [Weather], ToolChoice = new ToolChoice(ToolChoice.Required) }));
    }

    [Fact]
    public void Validate_AcceptsEveryResponseFormat_WithASchemaInTheSubset()
    {
        Assert.Null(RequestValidator.Validate(Chat with { ResponseFormat = new ResponseFormat("text") }));
        Assert.Null(RequestValidator.Validate(Chat with { ResponseFormat = new ResponseFormat("json_object") }));
        var schema = Schema("""
            {"type":"object","properties":{"name":{"type":"string","description":"who"},"tags":{"type":"array","items":{"$ref":"#/$defs/tag"},"maxItems":3},
             "age":{"type":["integer","null"],"minimum":0},"kind":{"anyOf":[{"const":"a"},{"enum":[1,2]}]}},
             "required":["name"],"additionalProperties":false,"$defs":{"tag":{"type":"string","enum":["x","y"]}}}
            """);
        Assert.Null(RequestValidator.Validate(Chat with { ResponseFormat = new ResponseFormat("json_schema", new JsonSchemaFormat("person", Schema: schema, Strict: true)) }));
    }

    public static TheoryData<ChatCompletionRequest, string> Refused => new()
    {
        { Chat with { Tools = [new ChatTool("retrieval", Weather.Function)] }, "tools[0].type" },
        { Chat with { Tools = [new ChatTool("function", null)] }, "tools[0].function" },
        { Chat with { Tools = [Tool("get weather!", null)] }, "tools[0].function.name" },
        { Chat with { Tools = [Weather, Weather] }, "tools[1].function.name" },
        { Chat with { Tools = [Tool("f", "[1,2]")] }, "tools[0].function.parameters" },
        { Chat with { Tools = [.. Enumerable.Range(0, 129).Select(i => Tool($"f{i}", null))] }, "tools" },
        { Chat with { ToolChoice = new ToolChoice(ToolChoice.Auto) }, "tool_choice" },
        { Chat with { ParallelToolCalls = true }, "parallel_tool_calls" },
        { Chat with { Tools = [Weather], ToolChoice = new ToolChoice(ToolChoice.Function, "get_time") }, "tool_choice" },
        { Chat with { Tools = [Tool("f", """{"type":"object","properties":{"zip":{"type":"string","pattern":"^[0-9]+$"}}}""")], ToolChoice = new ToolChoice(ToolChoice.Required) }, "tools[0].function.parameters" },
        { Chat with { ResponseFormat = new ResponseFormat("xml") }, "response_format.type" },
        { Chat with { ResponseFormat = new ResponseFormat("json_schema") }, "response_format.json_schema" },
        { Chat with { ResponseFormat = new ResponseFormat("json_schema", new JsonSchemaFormat("has space", Schema: Schema("{}"))) }, "response_format.json_schema.name" },
        { Chat with { ResponseFormat = new ResponseFormat("json_schema", new JsonSchemaFormat("s", Schema: Schema("""{"type":"string","format":"email"}"""))) }, "response_format.json_schema.schema" },
        { Chat with { ResponseFormat = new ResponseFormat("json_schema", new JsonSchemaFormat("s", Schema: Schema("""{"type":"decimal"}"""))) }, "response_format.json_schema.schema" },
        { Chat with { ResponseFormat = new ResponseFormat("json_schema", new JsonSchemaFormat("s", Schema: Schema("""{"type":"object","properties":{"a":false}}"""))) }, "response_format.json_schema.schema" },
        { Chat with { ResponseFormat = new ResponseFormat("json_schema", new JsonSchemaFormat("s", Schema: Schema("""{"type":"array","items":[{"type":"string"}]}"""))) }, "response_format.json_schema.schema" },
        { Chat with { ResponseFormat = new ResponseFormat("json_schema", new JsonSchemaFormat("s", Schema: Schema("""{"type":"object","properties":{"a":{}},"required":["a","b"]}"""))) }, "response_format.json_schema.schema" },
        { Chat with { Messages = [.. Chat.Messages!, new ChatMessage { Role = "tool", Content = "18 C" }] }, "messages[1].tool_call_id" },
        { Chat with { Messages = [.. Chat.Messages!, new ChatMessage { Role = "tool", ToolCallId = "call_9", Content = "18 C" }] }, "messages[1].tool_call_id" },
        { Chat with { Messages = [.. Chat.Messages!, new ChatMessage { Role = "assistant", ToolCalls = [new ToolCall("call_1", "function", new FunctionCall("f", null))] }] }, "messages[1].tool_calls[0]" },
        { Chat with { Messages = [new ChatMessage { Role = "user", Content = "x", ToolCalls = [new ToolCall("c", "function", new FunctionCall("f", "{}"))] }] }, "messages[0].tool_calls" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_RefusesMalformedToolsAndFormats_NamingTheField(ChatCompletionRequest request, string param)
    {
        var error = RequestValidator.Validate(request);

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(param, error.Error.Param);
    }

    [Fact]
    public void AnUnsupportedKeyword_IsNamedWithItsPlaceInTheSchema()
    {
        var request = Chat with { ResponseFormat = new ResponseFormat("json_schema", new JsonSchemaFormat("s", Schema: Schema("""{"type":"object","properties":{"zip":{"type":"string","pattern":"^[0-9]+$"}}}"""))) };

        var error = RequestValidator.Validate(request)!;

        Assert.Contains("'pattern'", error.Error.Message, StringComparison.Ordinal);
        Assert.Contains("#/properties/zip/pattern", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolChoice_ReadsAndWritesBothWireForms()
    {
        var parsed = RequestParser.Parse(
            """{"model":"m","messages":[],"tool_choice":{"type":"function","function":{"name":"get_weather"}},"tools":[{"type":"function","function":{"name":"get_weather"}}]}"""u8,
            OpenAIJsonContext.Default.ChatCompletionRequest);
        Assert.Equal(new ToolChoice(ToolChoice.Function, "get_weather"), parsed.Value!.ToolChoice);
        var written = JsonSerializer.Serialize(parsed.Value, OpenAIJsonContext.Default.ChatCompletionRequest);
        Assert.Contains("\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}", written, StringComparison.Ordinal);

        var required = RequestParser.Parse("""{"model":"m","tool_choice":"required"}"""u8, OpenAIJsonContext.Default.ChatCompletionRequest);
        Assert.Equal(ToolChoice.Required, required.Value!.ToolChoice!.Mode);

        var wrong = RequestParser.Parse("""{"model":"m","tool_choice":"always"}"""u8, OpenAIJsonContext.Default.ChatCompletionRequest);
        Assert.Equal("tool_choice", wrong.Error!.Error.Param);
    }

    private static ChatTool Tool(string name, string? parameters) =>
        new("function", new FunctionDefinition(name, "does " + name, parameters is null ? null : Schema(parameters)));

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
