using System.Text;
using Microsoft.ML.Tokenizers;
using Serverless.Inference.Generation.Streaming;

namespace Serverless.Inference.Tests.Generation.Streaming;

public sealed class IncrementalDecoderTests
{
    private static readonly Tokenizer Gpt2 = TiktokenTokenizer.CreateForModel("gpt2");

    [Fact]
    public void Push_MultiByteCharacterSplitAcrossTokens_IsHeldUntilComplete()
    {
        // GPT-2 spells each of these CJK characters with two or more byte-level tokens.
        var tokens = Gpt2.EncodeToIds("日本語");
        Assert.True(tokens.Count > 3);
        var decoder = new IncrementalDecoder(ids => Gpt2.Decode(ids));

        var pieces = tokens.Select(decoder.Push).ToList();

        Assert.Contains(string.Empty, pieces);
        Assert.All(pieces, p => Assert.DoesNotContain('\uFFFD', p));
        Assert.Equal("日本語", string.Concat(pieces));
    }

    [Fact]
    public void Push_EveryPieceIsWellFormed_AndPiecesJoinToTheWholeDecode()
    {
        const string Text = "Hello, naïve café — ✓ 🙂 done";
        var decoder = new IncrementalDecoder(ids => Gpt2.Decode(ids));

        var pieces = Gpt2.EncodeToIds(Text).Select(decoder.Push).ToList();
        pieces.Add(decoder.Flush());

        Assert.All(pieces, p => Assert.True(IsWellFormed(p), $"piece '{p}' splits a character"));
        Assert.Equal(Text, string.Concat(pieces));
    }

    [Fact]
    public void Flush_DropsATrailingIncompleteCharacter()
    {
        // Cut "ok 日本語" after the first token that leaves a character unfinished.
        var tokens = Gpt2.EncodeToIds("ok 日本語");
        var cut = Enumerable.Range(1, tokens.Count).First(n => Gpt2.Decode(tokens.Take(n))!.EndsWith('\uFFFD'));
        var decoder = new IncrementalDecoder(ids => Gpt2.Decode(ids));

        var text = string.Concat(tokens.Take(cut).Select(decoder.Push)) + decoder.Flush();

        Assert.Equal(Gpt2.Decode(tokens.Take(cut))!.TrimEnd('\uFFFD'), text);
        Assert.StartsWith("ok", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', text);
    }

    private static bool IsWellFormed(string text) =>
        !text.Contains('\uFFFD', StringComparison.Ordinal) && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text;
}
