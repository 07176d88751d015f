using Microsoft.Extensions.AI;
using OpenAI;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>Microsoft.Extensions.AI's automatic function invocation over the official OpenAI .NET SDK, against the API.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class FunctionInvocationTests(LocalStackFixture stack)
{
    [Fact]
    public async Task TheChatClientCallsOurFunction_SendsItsResultBack_AndReturnsTheModelsAnswer()
    {
        var cities = new List<string>();
        IChatClient client = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel).AsIChatClient()
            .AsBuilder()
            .UseFunctionInvocation()
            .Build();
        var weather = AIFunctionFactory.Create(
            (string city) =>
            {
                cities.Add(city);
                return $"-3 C in {city}";
            },
            "get_weather",
            "The current weather in a city");

        var response = await client.GetResponseAsync(
            "What is the weather in Oslo?",
            new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.RequireSpecific("get_weather"), MaxOutputTokens = 60, Seed = 4 });

        Assert.Single(cities);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal(cities[0], call.Arguments!["city"]?.ToString());
        var result = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Equal(call.CallId, result.CallId);
        Assert.Equal(ChatRole.Assistant, response.Messages[^1].Role);
        Assert.NotEmpty(response.Messages[^1].Text);
        Assert.True(response.Usage!.InputTokenCount > 0);
    }
}
