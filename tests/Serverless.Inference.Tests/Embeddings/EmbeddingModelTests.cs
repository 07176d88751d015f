using System.Numerics.Tensors;
using Serverless.Inference.Tests.Fixtures;
using Xunit.Abstractions;

namespace Serverless.Inference.Tests.Embeddings;

[Collection(ModelsCollection.Name)]
public sealed class EmbeddingModelTests(ModelsFixture models, ITestOutputHelper output)
{
    [Fact]
    public void SimilarSentences_AreCloserThanUnrelatedOnes_AsSentenceTransformersScoresThem()
    {
        var vectors = models.Embedding.Embed(["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."]).Vectors;

        var bread = TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]);
        var horse = TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]);
        output.WriteLine($"cosine with bread {bread:F4}, with horse {horse:F4}");

        Assert.InRange(bread, 0.735f, 0.775f);
        Assert.True(bread > horse + 0.3f, $"bread {bread}, horse {horse}");
    }

    [Fact]
    public void AccentedWords_AreFoldedNotUnknown()
    {
        var embedding = models.Embedding;
        var bert = (Microsoft.ML.Tokenizers.BertTokenizer)embedding.Tokenizer.Inner!;

        var ids = embedding.Tokenizer.Encode("naïve");
        var vectors = embedding.Embed(["A naïve café", "a naive cafe"]).Vectors;

        Assert.DoesNotContain(bert.UnknownTokenId, ids);
        Assert.Equal(embedding.Tokenizer.Encode("naive"), ids);
        Assert.Equal(1f, TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]), 5);
    }

    [Fact]
    public void Embed_ReturnsUnitVectorsOfTheModelsDimensionInInputOrder_IndependentOfBatchPadding()
    {
        var embedding = models.Embedding;
        string[] inputs = ["short", "a considerably longer input sentence that forces padding of the short one", "mid length text"];

        var batch = embedding.Embed(inputs);
        var singles = inputs.Select(i => embedding.Embed([i]).Vectors[0]).ToArray();

        Assert.Equal(384, embedding.Dimensions);
        Assert.Equal(384, embedding.Manifest.Dimensions);
        Assert.Equal(inputs.Sum(embedding.CountTokens), batch.PromptTokens);
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(384, batch.Vectors[i].Length);
            Assert.Equal(1f, TensorPrimitives.Norm(batch.Vectors[i]), 4);
            Assert.True(TensorPrimitives.CosineSimilarity(singles[i], batch.Vectors[i]) > 0.99999f);
        }
    }

    [Fact]
    public void Embed_InputLongerThanTheContext_IsTruncated()
    {
        var embedding = models.Embedding;
        var longText = string.Join(' ', Enumerable.Repeat("word", 600));

        var batch = embedding.Embed([longText, "tail"]);

        Assert.True(embedding.CountTokens(longText) > embedding.Manifest.ContextLength);
        Assert.Equal(embedding.Manifest.ContextLength + embedding.CountTokens("tail"), batch.PromptTokens);
        Assert.Equal(1f, TensorPrimitives.Norm(batch.Vectors[0]), 4);
    }

    [Fact]
    public async Task Embed_FromSeveralThreadsAtOnce_GivesTheSameVectorsAsOneAtATime()
    {
        var inputs = Enumerable.Range(0, 8).Select(i => $"parallel sentence {i} about {(i % 2 == 0 ? "cats" : "the stock market")}").ToArray();
        var expected = inputs.Select(i => models.Embedding.Embed([i]).Vectors[0]).ToArray();

        var actual = await Task.WhenAll(inputs.Select(i => Task.Run(() => models.Embedding.Embed([i]).Vectors[0])));

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Embed_ManyInputs_SpanSeveralForwardPasses()
    {
        var inputs = Enumerable.Range(0, 70).Select(i => $"sentence number {i}").ToArray();

        var batch = models.Embedding.Embed(inputs);

        Assert.Equal(70, batch.Vectors.Count);
        Assert.True(TensorPrimitives.CosineSimilarity(batch.Vectors[69], models.Embedding.Embed([inputs[69]]).Vectors[0]) > 0.99999f);
    }
}
