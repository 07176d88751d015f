using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Text;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.Inference.Generation;
using Serverless.Inference.Tests.Fixtures;

namespace Serverless.Inference.Tests.Generation;

[Collection(ModelsCollection.Name)]
public sealed class GenerationModelTests(ModelsFixture models)
{
    private const int EndOfText = 50256;

    [Fact]
    public async Task KvCacheGeneration_GreedyTokens_MatchRecomputingTheWholeSequenceEachStep()
    {
        var model = models.Generation;
        var prompt = model.Tokenize("The quick brown fox jumps over");

        var cached = await Completion.RunAsync(model, new GenerationRequest(prompt, 24, new SamplingParameters(Temperature: 0f), []));

        var sequence = prompt.Select(t => (long)t).ToList();
        var recomputed = new List<int>();
        while (recomputed.Count < cached.Tokens.Count)
        {
            using var empty = KvCache.Empty(model.Model.Signature, 1);
            using var result = model.Model.Forward([.. sequence], 1, sequence.Count, [.. Enumerable.Repeat(1L, sequence.Count)], empty);
            result.Present.Dispose();
            var next = TensorPrimitives.IndexOfMax(result.Row(0));
            recomputed.Add(next);
            sequence.Add(next);
        }

        Assert.Equal(24, cached.Tokens.Count);
        Assert.Equal(recomputed, cached.Tokens);
    }

    [Fact]
    public async Task PaddedBatch_PromptsOfDifferentLengthsInFlightTogether_GiveTheSameGreedyTokensAsAlone()
    {
        var model = models.Generation;
        (string Prompt, int MaxTokens)[] requests =
        [
            ("Hi", 20),
            ("Once upon a time, in a land far far away, there lived a", 12),
            ("The", 28),
            ("1, 2, 3, 4, 5,", 16),
            ("Serverless inference on a CPU", 24),
        ];

        var alone = new List<Completion>();
        foreach (var (prompt, maxTokens) in requests)
        {
            alone.Add(await Completion.RunAsync(model, Completion.Greedy(model, prompt, maxTokens)));
        }

        var together = await Task.WhenAll(requests.Select(r => Task.Run(() => Completion.RunAsync(model, Completion.Greedy(model, r.Prompt, r.MaxTokens)))));

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].Tokens, together[i].Tokens);
            Assert.Equal(alone[i].Text, together[i].Text);
        }
    }

    [Fact]
    public async Task InFlightRequests_AreDecodedTogether_NotOneByOne()
    {
        var model = models.Generation;
        var order = new ConcurrentQueue<int>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            Completion.RunAsync(model, Completion.Greedy(model, $"Request number {i} says", 30), _ => order.Enqueue(i)))));

        var events = order.ToArray();
        var firstOfEach = Enumerable.Range(0, 4).Select(i => Array.IndexOf(events, i)).ToArray();
        var lastOfEach = Enumerable.Range(0, 4).Select(i => Array.LastIndexOf(events, i)).ToArray();
        Assert.True(firstOfEach.Max() < lastOfEach.Min(), $"every request started before any finished: {string.Join(",", events)}");
    }

    [Fact]
    public async Task Seed_SameSeedGivesTheSameText_AloneOrSharingTheBatch_DifferentSeedsDiffer()
    {
        var model = models.Generation;
        GenerationRequest Seeded(long seed, string prompt = "Tell me a story about") =>
            new(model.Tokenize(prompt), 24, new SamplingParameters(Temperature: 1f, TopP: 0.95f, Seed: seed), []);

        var first = await Completion.RunAsync(model, Seeded(1234));
        var again = await Completion.RunAsync(model, Seeded(1234));
        var crowd = await Task.WhenAll(
            Task.Run(() => Completion.RunAsync(model, Seeded(99, "Something else entirely, and longer than the others"))),
            Task.Run(() => Completion.RunAsync(model, Seeded(1234))),
            Task.Run(() => Completion.RunAsync(model, Completion.Greedy(model, "Greedy neighbour", 30))),
            Task.Run(() => Completion.RunAsync(model, Seeded(7, "x"))));
        var otherSeed = await Completion.RunAsync(model, Seeded(1235));

        Assert.Equal(first.Tokens, again.Tokens);
        Assert.Equal(first.Text, crowd[1].Text);
        Assert.Equal(first.Tokens, crowd[1].Tokens);
        Assert.NotEqual(first.Tokens, otherSeed.Tokens);
    }

    [Fact]
    public async Task StopSequence_OutputEndsRightBeforeIt_WithFinishReasonStop()
    {
        var model = models.Generation;
        var full = await Completion.RunAsync(model, Completion.Greedy(model, "The weather today is", 40));
        var stop = PickStop(full.Text);
        var expected = full.Text[..full.Text.IndexOf(stop, StringComparison.Ordinal)];

        var stopped = await Completion.RunAsync(model, Completion.Greedy(model, "The weather today is", 40, "never appears", stop));

        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(expected, stopped.Text);
        Assert.DoesNotContain(stop, stopped.Text, StringComparison.Ordinal);
        Assert.True(stopped.CompletionTokens < 40);
        Assert.All(stopped.Chunks, c => Assert.True(IsWellFormed(c.Text), $"chunk '{c.Text}' splits a character"));
    }

    [Fact]
    public async Task Streaming_ChunksNeverSplitACharacter_AndJoinToTheDecodedTokens()
    {
        var model = models.Generation;

        // Character splitting itself is pinned down with the real tokenizer in IncrementalDecoderTests; here the
        // scheduler's streaming must agree with decoding the sampled tokens in one go.
        var completion = await Completion.RunAsync(model, new GenerationRequest(model.Tokenize("日本語のテキスト"), 64, new SamplingParameters(Temperature: 2f, Seed: 5), []));

        Assert.All(completion.Chunks, c => Assert.True(IsWellFormed(c.Text), $"chunk '{c.Text}' splits a character"));
        Assert.Equal(model.Decode(completion.Tokens).TrimEnd('\uFFFD'), completion.Text);
    }

    [Fact]
    public async Task MaxTokens_EndsWithFinishReasonLength_AndExactTokenCount()
    {
        var model = models.Generation;

        var completion = await Completion.RunAsync(model, Completion.Greedy(model, "Count with me:", 7));

        Assert.DoesNotContain(EndOfText, completion.Tokens);
        Assert.Equal(FinishReason.Length, completion.FinishReason);
        Assert.Equal(7, completion.CompletionTokens);
        Assert.Equal(7, completion.Tokens.Count);
        Assert.Single(completion.Chunks, c => c.FinishReason is not null);
        Assert.Equal(completion.Chunks.Select(c => c.CompletionTokens).Order(), completion.Chunks.Select(c => c.CompletionTokens));
    }

    [Fact]
    public async Task Fp16Model_GeneratesThroughItsFp16KvCache()
    {
        var model = models.GenerationFp16;

        var completion = await Completion.RunAsync(model, Completion.Greedy(model, "Half precision says", 16));

        Assert.Equal(TensorElementType.Float16, model.Model.Signature.KvType);
        Assert.Equal(FinishReason.Length, completion.FinishReason);
        Assert.Equal(16, completion.Tokens.Count);
        Assert.NotEmpty(completion.Text);
    }

    [Fact]
    public async Task Cancellation_RemovesTheSequence_WhileOthersContinue()
    {
        var model = models.Generation;
        var expectedSurvivor = await Completion.RunAsync(model, Completion.Greedy(model, "The survivor keeps going", 120));

        using var cancel = new CancellationTokenSource();
        var cancelledTokens = 0;
        var fiveTokens = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var victim = Task.Run(() => Completion.RunAsync(model, Completion.Greedy(model, "The victim is cancelled", 120), _ =>
        {
            if (Interlocked.Increment(ref cancelledTokens) == 5)
            {
                fiveTokens.TrySetResult();
            }
        }, cancel.Token));
        var survivor = Task.Run(() => Completion.RunAsync(model, Completion.Greedy(model, "The survivor keeps going", 120)));

        await fiveTokens.Task;
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => victim);
        var countAtCancel = Volatile.Read(ref cancelledTokens);
        var survived = await survivor;

        Assert.Equal(expectedSurvivor.Tokens, survived.Tokens);
        Assert.Equal(FinishReason.Length, survived.FinishReason);

        // The step already running when the stream ended may still draw one token; none after that.
        Assert.InRange(Volatile.Read(ref cancelledTokens), countAtCancel, countAtCancel + 1);
        Assert.True(countAtCancel < 20, $"the cancelled sequence went on for {countAtCancel} tokens");
    }

    [Fact]
    public async Task BreakingOffTheStream_AlsoFreesTheSequence()
    {
        var model = models.Generation;
        var produced = 0;

        await foreach (var chunk in model.GenerateAsync(Completion.Greedy(model, "Just the first piece", 500), _ => Interlocked.Increment(ref produced), CancellationToken.None))
        {
            break;
        }

        var afterBreak = Volatile.Read(ref produced);
        await Completion.RunAsync(model, Completion.Greedy(model, "A later request", 5));
        Assert.True(Volatile.Read(ref produced) <= afterBreak + 2);
    }

    [Fact]
    public void ImpossibleRequests_ThrowArgumentException()
    {
        var model = models.Generation;
        var greedy = new SamplingParameters(Temperature: 0f);

        Assert.Throws<ArgumentException>(() => model.GenerateAsync(new GenerationRequest([], 5, greedy, [])));
        Assert.Throws<ArgumentException>(() => model.GenerateAsync(new GenerationRequest([1, 2, 3], model.Manifest.ContextLength - 2, greedy, [])));
        Assert.Throws<ArgumentException>(() => model.GenerateAsync(new GenerationRequest([1], 0, greedy, [])));
        Assert.Throws<ArgumentException>(() => model.GenerateAsync(new GenerationRequest([60000], 5, greedy, [])));
        Assert.Throws<ArgumentException>(() => model.GenerateAsync(new GenerationRequest([1], 5, greedy with { TopP = -0.1f }, [])));
    }

    [Fact]
    public void TokenizeAndRenderChat_UseTheModelsTokenizerAndTemplate()
    {
        var model = models.Generation;

        Assert.Equal([15496, 995], model.Tokenize("Hello world"));
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", model.RenderChat([new ChatTurn("user", "Hi")]));
    }

    [Fact]
    public async Task Tokenize_FromManyThreadsWhileGenerating_MatchesSequentialTokenization()
    {
        var model = models.Generation;
        var texts = Enumerable.Range(0, 200).Select(i => $"Request {i}: naïve café {i * 7919} 日本語 {new string('x', i % 13)}").ToArray();
        var expected = texts.Select(model.Tokenize).ToArray();
        var generating = Completion.RunAsync(model, Completion.Greedy(model, "Meanwhile", 60));

        var actual = new IReadOnlyList<int>[texts.Length];
        Parallel.For(0, texts.Length, i => actual[i] = model.Tokenize(texts[i]));
        await generating;

        Assert.Equal(expected, actual);
    }

    /// <summary>A three-character piece from the middle of the text that is plain letters, so it is a fair stop sequence.</summary>
    private static string PickStop(string text)
    {
        for (var i = text.Length / 3; i + 3 <= text.Length; i++)
        {
            var candidate = text.Substring(i, 3);
            if (candidate.All(char.IsAsciiLetter))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"no plain stop candidate in '{text}'");
    }

    private static bool IsWellFormed(string text) =>
        Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text && !text.EndsWith('\uFFFD');
}
