using System.ClientModel;
using System.Text.Json;
using OpenAI.Chat;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary><c>response_format</c> with the official OpenAI .NET SDK: the random-weight models' answers still parse and follow the schema.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class StructuredOutputTests(LocalStackFixture stack)
{
    private const string PersonSchema = """
        {"type":"object","properties":{
          "name":{"type":"string"},
          "age":{"type":"integer","minimum":0,"maximum":130},
          "email":{"type":["string","null"]},
          "tags":{"type":"array","items":{"type":"string","enum":["admin","user","guest"]},"minItems":1,"maxItems":3}},
         "required":["name","age","email","tags"],"additionalProperties":false}
        """;

    [Theory]
    [InlineData(LocalStackFixture.ChatModel)]
    [InlineData(LocalStackFixture.LlamaModel)]
    public async Task AJsonSchema_IsFollowed_WholeAndStreamed(string model)
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(model);
        ChatMessage[] messages = [new UserChatMessage("Describe a user as JSON.")];
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("person", BinaryData.FromString(PersonSchema), jsonSchemaIsStrict: true),
            MaxOutputTokenCount = 150,
            Seed = 5,
        };

        var whole = (await chat.CompleteChatAsync(messages, options)).Value;
        var streamed = new System.Text.StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, options))
        {
            streamed.AppendJoin(string.Empty, update.ContentUpdate.Select(p => p.Text));
        }

        Assert.Equal(ChatFinishReason.Stop, whole.FinishReason);
        var text = whole.Content[0].Text;
        Assert.Equal(text, streamed.ToString());
        using var person = JsonDocument.Parse(text);
        var root = person.RootElement;
        Assert.Equal(["name", "age", "email", "tags"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, root.GetProperty("name").ValueKind);
        Assert.InRange(root.GetProperty("age").GetInt64(), 0, 130);
        Assert.Contains(root.GetProperty("email").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
        var tags = root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray();
        Assert.InRange(tags.Length, 1, 3);
        Assert.All(tags, t => Assert.Contains(t, new[] { "admin", "user", "guest" }));
    }

    [Fact]
    public async Task JsonObject_AnswersAJsonObject()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel);

        var answer = (await chat.CompleteChatAsync(
            [new UserChatMessage("Answer in JSON.")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(), MaxOutputTokenCount = 60, Seed = 9 })).Value;

        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        using var parsed = JsonDocument.Parse(answer.Content[0].Text);
        Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
    }

    [Fact]
    public async Task AnUnsupportedKeyword_Is400_NamingIt()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel);
        var schema = """{"type":"object","properties":{"zip":{"type":"string","pattern":"^[0-9]{5}$"}},"required":["zip"]}""";

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(
            [new UserChatMessage("A zip code.")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("zip", BinaryData.FromString(schema)) }));

        Assert.Equal(400, error.Status);
        Assert.Contains("'pattern'", error.Message, StringComparison.Ordinal);
    }
}
