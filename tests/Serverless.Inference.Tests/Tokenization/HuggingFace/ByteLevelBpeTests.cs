using Serverless.Inference.Tokenization.HuggingFace;
using static Serverless.Inference.Tests.Tokenization.HuggingFace.TokenizerJson;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

public sealed class ByteLevelBpeTests
{
    /// <summary>GPT-2's shape: ByteLevel pre-tokenizer (its regex, "Ġ" for a space), BPE, ByteLevel decoder.</summary>
    private static HuggingFaceTokenizer Gpt2Style(IEnumerable<string> tokens, IEnumerable<string> merges, params System.Text.Json.Nodes.JsonObject[] added) =>
        HuggingFaceTokenizer.Parse(Tokenizer(Bpe(tokens, merges), preTokenizer: ByteLevel(), postProcessor: ByteLevel(), decoder: ByteLevel(), added: added));

    [Fact]
    public void Encode_Gpt2Style_SpaceBecomesGAndWordsMergeByRank()
    {
        string[] tokens = ["h", "e", "l", "o", "Ġ", "w", "r", "d", "he", "ll", "hell", "hello", "Ġw", "or", "Ġwor", "ld", "Ġworld"];
        string[] merges = ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld"];
        var tokenizer = Gpt2Style(tokens, merges);

        // The regex cuts "hello" and " world"; the space is written "Ġ".
        // "hello": h·e (rank 0) and l·l (rank 1), then he·ll (2), then hell·o (3) → "hello" = 11.
        // "Ġworld": Ġ·w (4), o·r (5), Ġw·or (6), l·d (7), Ġwor·ld (8) → "Ġworld" = 16.
        Assert.Equal([11, 16], tokenizer.Encode("hello world"));
        Assert.Equal("hello world", tokenizer.Decode([11, 16]));
    }

    [Theory]
    // b·c has rank 0, so it goes first wherever it is, though a·b occurs three times: ab ab a bc.
    [InlineData(new[] { "b c", "a b" }, new[] { 3, 3, 0, 4 })]
    // With a·b first every a·b merges, and the c left over has nothing to join: ab ab ab c.
    [InlineData(new[] { "a b", "b c" }, new[] { 3, 3, 3, 2 })]
    public void Encode_ByteLevelBpe_MergeRankNotFrequencyDecides(string[] merges, int[] expected)
    {
        var tokenizer = Gpt2Style(["a", "b", "c", "ab", "bc"], merges);

        Assert.Equal(expected, tokenizer.Encode("abababc"));
    }

    [Fact]
    public void Encode_SpecialTokenInText_IsOneIdAndDecodeSkipsItUnlessAsked()
    {
        // "<|endoftext|>" follows the 256 byte tokens, so it is 256; "hi" is h (104) and i (105), no merges.
        var tokenizer = Gpt2Style(ByteLevelAlphabet(), [], Added(256, "<|endoftext|>"));

        var ids = tokenizer.Encode("hi<|endoftext|>hi");

        Assert.Equal([104, 105, 256, 104, 105], ids);
        Assert.Equal("hihi", tokenizer.Decode(ids));
        Assert.Equal("hi<|endoftext|>hi", tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.Equal(new HashSet<int> { 256 }, tokenizer.SpecialTokenIds);
        Assert.Equal(257, tokenizer.VocabSize);
    }

    [Theory]
    [InlineData("naïve café, 日本語, 한국어")]
    [InlineData("emoji 🙂👍🏽 and a family 👨‍👩‍👧 with 𝐀 math")]
    [InlineData("tabs\tnew\nlines\r\n and \u0000 nulls, \u00a0 nbsp, e\u0301 combining")]
    [InlineData("  leading, trailing and    runs of spaces   ")]
    public void Decode_ByteLevel_RoundTripsAnyUnicode(string text)
    {
        var tokenizer = Gpt2Style(ByteLevelAlphabet(), []);

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Decode_ByteLevelPrefixEndingInsideACharacter_EndsInReplacementCharacter()
    {
        var tokenizer = Gpt2Style(ByteLevelAlphabet(), []);

        // "a€": a is 0x61, € is E2 82 AC; a prefix that stops after E2 82 is a cut-off character.
        var ids = tokenizer.Encode("a€");

        Assert.Equal([0x61, 0xE2, 0x82, 0xAC], ids);
        Assert.Equal("a\uFFFD", tokenizer.Decode(ids.Take(3)));
        Assert.Equal("a€", tokenizer.Decode(ids));
    }

    [Fact]
    public void Encode_ConcurrentCalls_GiveTheSameIdsAsOneAtATime()
    {
        var json = Gpt2TiktokenEquivalenceTests.Gpt2Json();
        var texts = Enumerable.Range(0, 400).Select(i => $"Request {i}: the quick brown fox {i * 7919} jumps over the lazy dog 🙂 naïve {i % 13}").ToArray();
        var sequential = HuggingFaceTokenizer.Parse(json);
        var expected = texts.Select(t => sequential.Encode(t)).ToArray();

        // A fresh instance, so that its word cache fills while the threads race.
        var shared = HuggingFaceTokenizer.Parse(json);
        var mismatches = 0;
        Parallel.For(0, texts.Length * 4, i =>
        {
            if (!shared.Encode(texts[i % texts.Length]).SequenceEqual(expected[i % texts.Length]))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }
}
