using System.ClientModel;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>The official OpenAI .NET SDK, unmodified, against the API host in front of a real worker.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class OpenAISdkThroughApiTests(LocalStackFixture stack)
{
    [Fact]
    public async Task ListModels_ShowsTheDefaultModels()
    {
        var models = await stack.CreateOpenAIClient().GetOpenAIModelClient().GetModelsAsync();

        Assert.Contains(models.Value, m => m.Id == LocalStackFixture.ChatModel);
        Assert.Contains(models.Value, m => m.Id == LocalStackFixture.EmbeddingModel);
    }

    [Fact]
    public async Task CompleteChat_ReturnsAssistantTextAndExactUsage()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel);

        var completion = (await chat.CompleteChatAsync(
            [new SystemChatMessage("You are terse."), new UserChatMessage("Say hello.")],
            new ChatCompletionOptions { MaxOutputTokenCount = 7, Temperature = 0 })).Value;

        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.NotEmpty(completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount + 7, completion.Usage.TotalTokenCount);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_LlamaTiny_FromItsExportFolder_StreamsWhatItAnswers()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.LlamaModel);
        ChatMessage[] messages = [new SystemChatMessage("You are terse."), new UserChatMessage("Say hello.")];
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 12, Temperature = 0 };

        var whole = (await chat.CompleteChatAsync(messages, options)).Value;
        var streamed = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, options))
        {
            streamed.AppendJoin(string.Empty, update.ContentUpdate.Select(part => part.Text));
            usage ??= update.Usage;
        }

        Assert.Equal(LocalStackFixture.LlamaModel, whole.Model);
        Assert.Equal(whole.Content[0].Text, streamed.ToString());
        // <|begin_of_text|>, then per turn <|start_header_id|> role <|end_header_id|> "\n\n" content <|eot_id|>, then the
        // assistant header: "system" "user" "\n\n" are one token each, "assistant" two (ass|istant); "You are terse." is
        // You| are| ter|se|. (5) and "Say hello." Say| hello|. (3): 1 + (4 + 5 + 1) + (4 + 3 + 1) + (1 + 2 + 1 + 1) = 24.
        Assert.Equal(24, whole.Usage.InputTokenCount);
        Assert.Equal(whole.Usage.InputTokenCount, usage!.InputTokenCount);
    }

    [Theory]
    [InlineData(LocalStackFixture.ChatModel)]
    [InlineData(LocalStackFixture.LlamaModel)]
    public async Task CompleteChat_WithLogprobs_GivesOnePerTokenSpellingTheText_StreamedAlike(string model)
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(model);
        ChatMessage[] messages = [new UserChatMessage("Name three colours.")];
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 10, Temperature = 0, IncludeLogProbabilities = true, TopLogProbabilityCount = 3 };

        var whole = (await chat.CompleteChatAsync(messages, options)).Value;
        var streamed = new List<ChatTokenLogProbabilityDetails>();
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, options))
        {
            streamed.AddRange(update.ContentTokenLogProbabilities);
        }

        var tokens = whole.ContentTokenLogProbabilities;
        Assert.Equal(whole.Usage.OutputTokenCount, tokens.Count);
        Assert.All(tokens, token =>
        {
            Assert.Equal(3, token.TopLogProbabilities.Count);
            // Greedy: the chosen token is the likeliest one.
            Assert.Equal((token.Token, token.LogProbability), (token.TopLogProbabilities[0].Token, token.TopLogProbabilities[0].LogProbability));
            Assert.True(token.LogProbability < 0);
        });
        Assert.Equal(whole.Content[0].Text, string.Concat(tokens.Select(t => t.Token)));
        Assert.Equal(tokens.Select(t => (t.Token, t.LogProbability)), streamed.Select(t => (t.Token, t.LogProbability)));
    }

    [Fact]
    public async Task Completions_WithLogprobs_AnswerTheLegacyColumns()
    {
        using var http = stack.CreateHttpClient();
        using var response = await http.PostAsync("v1/completions", new StringContent(
            """{"model":"gpt2-tiny","prompt":"Once upon a time","max_tokens":6,"temperature":0,"logprobs":2}""", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var choice = answer.RootElement.GetProperty("choices")[0];
        var logprobs = choice.GetProperty("logprobs");
        var tokens = logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToArray();
        Assert.Equal(6, tokens.Length);
        Assert.Equal(choice.GetProperty("text").GetString(), string.Concat(tokens));
        Assert.Equal(6, logprobs.GetProperty("token_logprobs").GetArrayLength());
        Assert.All(logprobs.GetProperty("top_logprobs").EnumerateArray(), top => Assert.InRange(top.EnumerateObject().Count(), 1, 2));
        var offsets = logprobs.GetProperty("text_offset").EnumerateArray().Select(o => o.GetInt32()).ToArray();
        Assert.Equal(tokens.Select((_, i) => tokens.Take(i).Sum(t => t.Length)), offsets);
    }

    [Fact]
    public async Task CompleteChat_WithSeed_GivesTheSameTextAsTheWorkerDirectly()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 10, Temperature = 0.9f, Seed = 1234 };
        ChatMessage[] messages = [new UserChatMessage("Tell me a story.")];

        var viaApi = await stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel).CompleteChatAsync(messages, options);
        var direct = await stack.CreateOpenAIClient(direct: true).GetChatClient(LocalStackFixture.ChatModel).CompleteChatAsync(messages, options);

        Assert.Equal(direct.Value.Content[0].Text, viaApi.Value.Content[0].Text);
    }

    [Fact]
    public async Task CompleteChatStreaming_DeliversChunksAndFinalUsage()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.ChatModel);
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var updates = 0;

        await foreach (var update in chat.CompleteChatStreamingAsync(
            [new UserChatMessage("Count to five.")],
            new ChatCompletionOptions { MaxOutputTokenCount = 6 }))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.True(updates >= 7, $"only {updates} updates");
        Assert.NotEmpty(text.ToString());
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.NotNull(usage);
        Assert.Equal(6, usage.OutputTokenCount);
    }

    [Fact]
    public async Task GenerateEmbeddings_SimilarSentencesAreClose()
    {
        var embeddings = stack.CreateOpenAIClient().GetEmbeddingClient(LocalStackFixture.EmbeddingModel);

        var result = (await embeddings.GenerateEmbeddingsAsync(
            ["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."])).Value;

        var vectors = result.Select(e => e.ToFloats().ToArray()).ToArray();
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        var foodBread = Vectors.Cosine(vectors[0], vectors[1]);
        var foodHorse = Vectors.Cosine(vectors[0], vectors[2]);
        Assert.InRange(foodBread, 0.73, 0.78);
        Assert.True(foodBread > foodHorse + 0.2, $"bread {foodBread}, horse {foodHorse}");
        Assert.True(result.Usage.InputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChat_WithUnknownModel_ThrowsWith404()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient("no-such-model");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_OnAnEmbeddingModel_Is400NamingTheModel()
    {
        var chat = stack.CreateOpenAIClient().GetChatClient(LocalStackFixture.EmbeddingModel);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(400, error.Status);
        Assert.Contains("model_not_supported", error.Message, StringComparison.Ordinal);
    }
}
