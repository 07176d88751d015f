using OpenAI.Chat;

namespace Serverless.EndToEnd.Tests.Routing;

/// <summary>
/// An <c>openai</c> deployment pointing at the second worker's <c>/v1</c>: the upstream path speaks the real OpenAI wire
/// format, with its own key, driven by the official OpenAI .NET SDK through the API under a catalog alias.
/// </summary>
[Collection(RoutingStackCollection.Name)]
public sealed class OpenAISdkRoutingTests(RoutingStackFixture stack)
{
    private async Task<ChatClient> ClientAsync()
    {
        await stack.PutModelAsync("sdk-routed", $$"""
            {"capabilities":["chat","completion"],"context_length":1024,"aliases":["sdk-alias"],
             "deployments":[{"id":"second-worker-openai","kind":"openai","base_url":"{{stack.SecondWorkerV1}}","model":"gpt2-tiny","credential":"{{RoutingStackFixture.SecondWorkerCredential}}"}]}
            """);
        return stack.CreateOpenAIClient(stack.Secrets.AdminKey).GetChatClient("sdk-alias");
    }

    [Fact]
    public async Task CompleteChat_ThroughAnOpenAIDeployment_NamesThePublicModel_AndTheDeployment()
    {
        var chat = await ClientAsync();

        var result = await chat.CompleteChatAsync([new UserChatMessage("Say hi")], new ChatCompletionOptions { MaxOutputTokenCount = 4 });

        Assert.Equal("sdk-routed", result.Value.Model);
        Assert.InRange(result.Value.Usage.OutputTokenCount, 1, 4); // max_tokens reached the upstream within the admitted budget
        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-served-by", out var servedBy));
        Assert.Equal("second-worker-openai", servedBy);
    }

    [Fact]
    public async Task CompleteChatStreaming_ThroughAnOpenAIDeployment_EveryChunkNamesThePublicModel()
    {
        var chat = await ClientAsync();
        var models = new List<string>();

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Say hi")], new ChatCompletionOptions { MaxOutputTokenCount = 4 }))
        {
            models.Add(update.Model);
        }

        Assert.NotEmpty(models);
        Assert.All(models, model => Assert.Equal("sdk-routed", model));
    }
}
