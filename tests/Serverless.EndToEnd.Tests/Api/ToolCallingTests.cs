using System.ClientModel;
using System.Text.Json;
using OpenAI.Chat;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>Tool calling with the official OpenAI .NET SDK's tool types, through the API to a real worker.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class ToolCallingTests(LocalStackFixture stack)
{
    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool(
        "get_weather",
        "The current weather in a city",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city","unit"],"additionalProperties":false}"""),
        functionSchemaIsStrict: true);

    private static readonly ChatTool Time = ChatTool.CreateFunctionTool(
        "get_time",
        "The time in a time zone",
        BinaryData.FromString("""{"type":"object","properties":{"zone":{"type":"string"},"offset_hours":{"type":"integer","minimum":-12,"maximum":14}},"required":["zone","offset_hours"],"additionalProperties":false}"""));

    [Theory]
    [InlineData(LocalStackFixture.ChatModel)]
    [InlineData(LocalStackFixture.LlamaModel)]
    public async Task ANamedToolChoice_IsCalledWithArgumentsValidAgainstItsSchema_AndTheResultIsAnsweredNextTurn(string model)
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(model);
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Oslo?")];
        var options = new ChatCompletionOptions { Tools = { Weather, Time }, ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather"), MaxOutputTokenCount = 120, Seed = 3 };

        var first = (await chat.CompleteChatAsync(messages, options)).Value;

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.Equal("get_weather", call.FunctionName);
        AssertWeatherArguments(call.FunctionArguments);
        Assert.True(first.Usage.OutputTokenCount > 0);

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "-3 C and snowing"));
        var second = (await chat.CompleteChatAsync(messages, new ChatCompletionOptions { Tools = { Weather, Time }, MaxOutputTokenCount = 8, Seed = 3 })).Value;

        Assert.Empty(second.ToolCalls);
        Assert.NotEqual(ChatFinishReason.ToolCalls, second.FinishReason);
        Assert.True(second.Usage.InputTokenCount > first.Usage.InputTokenCount, "the second turn's prompt holds the call and its result");
    }

    [Fact]
    public async Task RequiredWithParallelCalls_CallsOfferedFunctionsOnly_StreamedAsTheSdkAssemblesThem()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel);
        ChatMessage[] messages = [new UserChatMessage("Weather in Oslo, and the time in Tokyo?")];
        var options = new ChatCompletionOptions { Tools = { Weather, Time }, ToolChoice = ChatToolChoice.CreateRequiredChoice(), MaxOutputTokenCount = 200, Seed = 11 };

        var whole = (await chat.CompleteChatAsync(messages, options)).Value;
        var streamed = new Dictionary<int, (string Id, string Name, System.Text.StringBuilder Arguments)>();
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                if (part.ToolCallId is not null)
                {
                    streamed[part.Index] = (part.ToolCallId, part.FunctionName, new System.Text.StringBuilder());
                }

                streamed[part.Index].Arguments.Append(part.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, whole.FinishReason);
        Assert.NotEmpty(whole.ToolCalls);
        Assert.All(whole.ToolCalls, call => Assert.Contains(call.FunctionName, new[] { "get_weather", "get_time" }));
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal(
            whole.ToolCalls.Select(c => (c.FunctionName, c.FunctionArguments.ToString())),
            streamed.OrderBy(p => p.Key).Select(p => (p.Value.Name, p.Value.Arguments.ToString())));
        foreach (var call in whole.ToolCalls)
        {
            using var arguments = JsonDocument.Parse(call.FunctionArguments);
            if (call.FunctionName == "get_time")
            {
                Assert.InRange(arguments.RootElement.GetProperty("offset_hours").GetInt64(), -12, 14);
                Assert.Equal(JsonValueKind.String, arguments.RootElement.GetProperty("zone").ValueKind);
            }
            else
            {
                AssertWeatherArguments(call.FunctionArguments);
            }
        }
    }

    [Fact]
    public async Task ToolChoiceNone_AnswersWithText()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel);

        var answer = (await chat.CompleteChatAsync(
            [new UserChatMessage("Weather in Oslo?")],
            new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateNoneChoice(), MaxOutputTokenCount = 6, Temperature = 0 })).Value;

        Assert.Empty(answer.ToolCalls);
        Assert.Equal(ChatFinishReason.Length, answer.FinishReason);
        Assert.NotEmpty(answer.Content[0].Text);
    }

    [Fact]
    public async Task ANamedChoiceOfAFunctionNotOffered_Is400_OnToolChoice()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(
            [new UserChatMessage("Weather?")],
            new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateFunctionChoice("launch_rockets") }));

        Assert.Equal(400, error.Status);
        Assert.Contains("tool_choice", error.Message, StringComparison.Ordinal);
    }

    private static void AssertWeatherArguments(BinaryData arguments)
    {
        using var parsed = JsonDocument.Parse(arguments);
        var root = parsed.RootElement;
        Assert.Equal(["city", "unit"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, root.GetProperty("city").ValueKind);
        Assert.Contains(root.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
    }
}
