using Serverless.Inference.Generation;
using Serverless.Inference.Tests.Fixtures;

namespace Serverless.Inference.Tests.Generation;

[Collection(ModelsCollection.Name)]
public sealed class LogprobsTests(ModelsFixture models)
{
    [Theory]
    [InlineData(ModelsFixture.Gpt2Tiny)]
    [InlineData(ModelsFixture.LlamaTiny)]
    public async Task Greedy_EveryTokenComesWithItsLogprob_WhichIsTheLikeliestAlternative(string id)
    {
        Assert.True(models.Catalog.TryGetGeneration(id, out var model));
        var request = Completion.Greedy(model, "The quick brown fox", 12) with { TopLogprobs = 3 };

        var completion = await Completion.RunAsync(model, request);

        var logprobs = completion.Chunks.SelectMany(c => c.Logprobs!).ToArray();
        Assert.Equal(completion.Tokens, logprobs.Select(t => t.TokenId));
        Assert.All(logprobs, token =>
        {
            Assert.Equal(3, token.Top.Count);
            Assert.Equal((token.TokenId, token.Logprob), (token.Top[0].TokenId, token.Top[0].Logprob));
            Assert.True(token.Top[0].Logprob >= token.Top[1].Logprob && token.Top[1].Logprob >= token.Top[2].Logprob);
            Assert.True(token.Top.Sum(a => Math.Exp(a.Logprob)) <= 1 + 1e-5);
            Assert.True(token.Logprob < 0);
        });
    }

    [Fact]
    public async Task FirstTokenLogprob_IsTheLogSoftmaxOfThePrefillLogits()
    {
        var model = models.Generation;
        var request = Completion.Greedy(model, "Once upon a time", 1) with { TopLogprobs = 0 };
        var completion = await Completion.RunAsync(model, request);

        // The same prefill through the raw forward pass, normalised here in double precision.
        var cache = KvCache.Empty(model.Model.Signature, 1);
        using var result = model.Model.Forward([.. request.PromptTokens.Select(t => (long)t)], 1, request.PromptTokens.Count, [.. request.PromptTokens.Select(_ => 1L)], cache);
        cache.Dispose();
        result.Present.Dispose();
        var logits = result.Row(0).ToArray();
        var max = logits.Max();
        var normalizer = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));

        var token = Assert.Single(completion.Chunks.SelectMany(c => c.Logprobs!));
        Assert.Empty(token.Top);
        Assert.Equal(logits[token.TokenId] - normalizer, token.Logprob, 1e-4);
    }

    [Fact]
    public async Task Sampled_TokenLogprobNeverExceedsTheLikeliest_AndWithoutAskingThereAreNone()
    {
        var model = models.Generation;
        var prompt = model.Tokenize("In a hole in the ground");
        var sampled = await Completion.RunAsync(model, new GenerationRequest(prompt, 16, new SamplingParameters(Temperature: 1.5f, Seed: 7), [], TopLogprobs: 5));
        var plain = await Completion.RunAsync(model, new GenerationRequest(prompt, 16, new SamplingParameters(Temperature: 1.5f, Seed: 7), []));

        Assert.All(sampled.Chunks.SelectMany(c => c.Logprobs!), token => Assert.True(token.Logprob <= token.Top[0].Logprob));
        Assert.Equal(16, sampled.Chunks.Sum(c => c.Logprobs!.Count));
        Assert.All(plain.Chunks, chunk => Assert.Null(chunk.Logprobs));
        Assert.Equal(plain.Text, sampled.Text);
    }
}
