using System.Net;
using System.Text;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// <c>model: "auto"</c> through the real API and worker: the cheapest model that can serve the route and that the
/// key may use answers, named in the answer; a key with no such model gets a 400 saying so.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class AutoModelTests(LocalStackFixture stack)
{
    private const string Chat = """{"model":"auto","messages":[{"role":"user","content":"hi"}],"max_tokens":2}""";

    [Fact]
    public async Task Chat_IsServedByTheCheapestChatModel_TheTieGoingToTheFirstId()
    {
        using var http = stack.CreateHttpClient();

        using var answer = await http.PostAsync("v1/chat/completions", Json(Chat));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        // gpt2-tiny and llama-tiny have the same price locally (0.0005 + 0.0015 per 1K); the first id wins.
        Assert.Equal(LocalStackFixture.ChatModel, await ModelOfAsync(answer));
    }

    [Fact]
    public async Task AKeyLimitedToOneModel_IsServedByThatModel_AndEmbeddingsByTheEmbeddingModel()
    {
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"auto","owner":"auto-a","models":["{{LocalStackFixture.LlamaModel}}","{{LocalStackFixture.EmbeddingModel}}"]}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var chat = await http.PostAsync("v1/chat/completions", Json(Chat));
        using var embeddings = await http.PostAsync("v1/embeddings", Json("""{"model":"auto","input":"x"}"""));

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(LocalStackFixture.LlamaModel, await ModelOfAsync(chat));
        Assert.Equal(HttpStatusCode.OK, embeddings.StatusCode);
        Assert.Equal(LocalStackFixture.EmbeddingModel, await ModelOfAsync(embeddings));
    }

    [Fact]
    public async Task AKeyWithNoChatModel_Gets400ModelNotAvailable()
    {
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"auto","owner":"auto-b","models":["{{LocalStackFixture.EmbeddingModel}}"]}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var answer = await http.PostAsync("v1/chat/completions", Json(Chat));

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(answer, HttpStatusCode.BadRequest);
        Assert.Equal(("model", "model_not_available"), (error.GetProperty("param").GetString(), error.GetProperty("code").GetString()));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string?> ModelOfAsync(HttpResponseMessage answer)
    {
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("model").GetString();
    }
}
