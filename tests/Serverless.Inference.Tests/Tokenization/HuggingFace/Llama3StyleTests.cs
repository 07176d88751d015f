using System.Text.Json.Nodes;
using Serverless.Inference.Tokenization.HuggingFace;
using static Serverless.Inference.Tests.Tokenization.HuggingFace.TokenizerJson;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

public sealed class Llama3StyleTests
{
    /// <summary>Llama 3's pre-tokenizer regex, as its tokenizer.json carries it.</summary>
    private const string Llama3Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private const int BeginOfText = 260;
    private const int EotId = 261;

    /// <summary>
    /// Byte-level alphabet (a byte's id is the byte), then "'m" = 256, "123" = 257, "45" = 258, "Hi" = 259, none of
    /// them reachable by merges; the only merge makes "12" = 262; the special tokens are 260 and 261.
    /// </summary>
    private static HuggingFaceTokenizer Llama3Style(bool ignoreMerges = true) => HuggingFaceTokenizer.Parse(Tokenizer(
        Bpe([.. ByteLevelAlphabet(), "'m", "123", "45", "Hi", "<|begin_of_text|>", "<|eot_id|>", "12"], ["1 2"], ignoreMerges: ignoreMerges),
        preTokenizer: Typed("Sequence", ("pretokenizers", new JsonArray(
            Typed("Split", ("pattern", Pattern("Regex", Llama3Pattern)), ("behavior", "Isolated"), ("invert", false)),
            ByteLevel(useRegex: false)))),
        postProcessor: Typed("Sequence", ("processors", new JsonArray(ByteLevel(addPrefixSpace: true, useRegex: false), BosTemplate("<|begin_of_text|>", BeginOfText)))),
        decoder: ByteLevel(),
        added: [Added(BeginOfText, "<|begin_of_text|>"), Added(EotId, "<|eot_id|>")]));

    [Fact]
    public void Encode_Llama3Style_RegexSplitsAndIgnoreMergesTakesVocabularyWordsWhole()
    {
        // The regex cuts "I'm 12345" into "I", "'m", " ", "123", "45" (digits at most three at a time; the space
        // stands alone because the digit after it is no letter). With ignore_merges a piece that is a token is that
        // token, merges or not: I = 73, 'm = 256, Ġ = 32 (the space byte), 123 = 257, 45 = 258.
        Assert.Equal([73, 256, 32, 257, 258], Llama3Style().Encode("I'm 12345", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_Llama3StyleWithoutIgnoreMerges_BuildsWordsFromMergesOnly()
    {
        // The same pieces through the merges alone: ' m stay bytes (39, 109), 1·2 merges into "12" (262) and the
        // 3 stays (51), 4 and 5 stay (52, 53).
        Assert.Equal([73, 39, 109, 32, 262, 51, 52, 53], Llama3Style(ignoreMerges: false).Encode("I'm 12345", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_Llama3Style_SpecialTokenInText_IsOneId()
    {
        // "Hi" is token 259; the special tokens in the text are their own ids, wherever they stand.
        var ids = Llama3Style().Encode("<|begin_of_text|>Hi<|eot_id|>Hi", addSpecialTokens: false);

        Assert.Equal([BeginOfText, 259, EotId, 259], ids);
    }

    [Fact]
    public void Encode_Llama3Style_TemplateAddsBosOnlyWhenAskedFor()
    {
        var tokenizer = Llama3Style();

        Assert.Equal([BeginOfText, 259], tokenizer.Encode("Hi"));
        Assert.Equal([259], tokenizer.Encode("Hi", addSpecialTokens: false));
        Assert.Equal([BeginOfText], tokenizer.Encode(string.Empty));
    }

    [Fact]
    public void Decode_Llama3Style_SpecialTokensAppearOnlyWhenNotSkipped()
    {
        var tokenizer = Llama3Style();
        int[] ids = [BeginOfText, 259, 32, 257, EotId];

        Assert.Equal("Hi 123", tokenizer.Decode(ids));
        Assert.Equal("<|begin_of_text|>Hi 123<|eot_id|>", tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.Equal(new HashSet<int> { BeginOfText, EotId }, tokenizer.SpecialTokenIds);
        Assert.Equal(BeginOfText, tokenizer.TokenToId("<|begin_of_text|>"));
        Assert.Equal("'m", tokenizer.IdToToken(256));
    }
}
