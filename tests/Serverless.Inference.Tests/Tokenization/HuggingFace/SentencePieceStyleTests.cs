using System.Text.Json.Nodes;
using Serverless.Inference.Tokenization.HuggingFace;
using static Serverless.Inference.Tests.Tokenization.HuggingFace.TokenizerJson;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

/// <summary>Llama 2 and Mistral shapes: "▁" for spaces, byte fallback, BOS by template.</summary>
public sealed class SentencePieceStyleTests
{
    // <unk> 0, <s> 1, </s> 2, <0x00> … <0xFF> 3 … 258 (byte b is 3 + b), then the pieces.
    private const int Bos = 1;
    private const int Space = 259;
    private const int H = 260;
    private const int I = 261;
    private const int SpaceH = 262;
    private const int SpaceHi = 263;

    private static readonly string[] Tokens = ["<unk>", "<s>", "</s>", .. ByteTokens(), "▁", "H", "i", "▁H", "▁Hi"];
    private static readonly string[] Merges = ["▁ H", "▁H i"];

    private static JsonObject[] Specials() => [Added(0, "<unk>"), Added(1, "<s>"), Added(2, "</s>")];

    private static HuggingFaceTokenizer Llama2Style(bool byteFallback = true) => HuggingFaceTokenizer.Parse(Tokenizer(
        Bpe(Tokens, Merges, unk: "<unk>", byteFallback: byteFallback, fuseUnk: true),
        normalizer: Typed("Sequence", ("normalizers", new JsonArray(
            Typed("Prepend", ("prepend", "▁")),
            Typed("Replace", ("pattern", Pattern("String", " ")), ("content", "▁"))))),
        postProcessor: BosTemplate("<s>", Bos),
        decoder: Typed("Sequence", ("decoders", new JsonArray(
            Typed("Replace", ("pattern", Pattern("String", "▁")), ("content", " ")),
            Typed("ByteFallback"),
            Typed("Fuse"),
            Typed("Strip", ("content", " "), ("start", 1), ("stop", 0))))),
        added: Specials()));

    private static HuggingFaceTokenizer MetaspaceStyle(string prependScheme) => HuggingFaceTokenizer.Parse(Tokenizer(
        Bpe(Tokens, Merges, unk: "<unk>", fuseUnk: true),
        preTokenizer: Typed("Metaspace", ("replacement", "▁"), ("prepend_scheme", prependScheme), ("split", true)),
        postProcessor: BosTemplate("<s>", Bos),
        decoder: Typed("Metaspace", ("replacement", "▁"), ("prepend_scheme", prependScheme), ("split", true)),
        added: Specials()));

    [Fact]
    public void Encode_Llama2Style_EmojiOutsideTheVocabularyBecomesItsBytes()
    {
        // "Hi 🙂" is normalized to "▁Hi▁🙂", one word. ▁·H merges (rank 0), then ▁H·i (rank 1) into "▁Hi";
        // the second ▁ has nothing to merge with; 🙂 is not a token, so its UTF-8 bytes F0 9F 99 82 are
        // <0xF0> = 243, <0x9F> = 162, <0x99> = 156, <0x82> = 133.
        Assert.Equal([Bos, SpaceHi, Space, 243, 162, 156, 133], Llama2Style().Encode("Hi 🙂"));
    }

    [Fact]
    public void Decode_Llama2Style_BytesJoinIntoTheCharacterAndTheLeadingSpaceGoes()
    {
        var tokenizer = Llama2Style();
        int[] ids = [Bos, SpaceHi, Space, 243, 162, 156, 133];

        Assert.Equal("Hi 🙂", tokenizer.Decode(ids));
        Assert.Equal("<s> Hi 🙂", tokenizer.Decode(ids, skipSpecialTokens: false));

        // Cut inside the emoji: the Rust ByteFallback decoder writes one U+FFFD per byte of an invalid run.
        Assert.Equal("Hi \uFFFD\uFFFD\uFFFD", tokenizer.Decode(ids.Take(6)));
    }

    [Fact]
    public void Encode_Llama2Style_SpecialTokenInTextIsOneIdAndTheRestIsNormalizedAlone()
    {
        // "<s>" is matched before normalization; "Hi" after it is normalized on its own to "▁Hi".
        Assert.Equal([Bos, Bos, SpaceHi], Llama2Style().Encode("<s>Hi"));
    }

    [Fact]
    public void Encode_WithoutByteFallback_UnknownCharactersFuseIntoOneUnk()
    {
        // "▁xyz": ▁ is a token, x y z are not; fuse_unk makes the three one <unk>.
        Assert.Equal([Space, 0], Llama2Style(byteFallback: false).Encode("xyz", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_MetaspaceAlways_EachWordStartsWithTheReplacement()
    {
        // "Hi Hi" → "▁Hi▁Hi", split before each ▁: "▁Hi", "▁Hi"; a piece after a special token gets ▁ too.
        var tokenizer = MetaspaceStyle("always");

        Assert.Equal([Bos, SpaceHi, SpaceHi], tokenizer.Encode("Hi Hi"));
        Assert.Equal([Bos, SpaceHi], tokenizer.Encode("<s>Hi", addSpecialTokens: false));
        Assert.Equal("Hi Hi", tokenizer.Decode([Bos, SpaceHi, SpaceHi]));
    }

    [Fact]
    public void Encode_MetaspaceFirst_OnlyTheStartOfTheInputGetsTheReplacement()
    {
        // "first": "Hi" after "<s>" does not begin the input, so it stays "Hi" = H, i.
        var tokenizer = MetaspaceStyle("first");

        Assert.Equal([SpaceHi], tokenizer.Encode("Hi", addSpecialTokens: false));
        Assert.Equal([Bos, H, I], tokenizer.Encode("<s>Hi", addSpecialTokens: false));
        Assert.Equal("<s>Hi", tokenizer.Decode([Bos, H, I], skipSpecialTokens: false));
    }

    [Fact]
    public void Encode_MetaspaceWithoutByteFallback_UnknownCharacterIsUnk()
    {
        Assert.Equal([SpaceH, 0], MetaspaceStyle("always").Encode("H🙂", addSpecialTokens: false));
    }
}
