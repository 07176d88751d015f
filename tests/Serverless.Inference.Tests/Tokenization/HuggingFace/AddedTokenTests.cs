using System.Text.Json.Nodes;
using Serverless.Inference.Tokenization.HuggingFace;
using static Serverless.Inference.Tests.Tokenization.HuggingFace.TokenizerJson;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

/// <summary>Added tokens' own rules, over the byte-level alphabet (a byte's id is the byte; no merges).</summary>
public sealed class AddedTokenTests
{
    private static HuggingFaceTokenizer With(JsonNode? normalizer, params JsonObject[] added) =>
        HuggingFaceTokenizer.Parse(Tokenizer(Bpe(ByteLevelAlphabet(), []), normalizer: normalizer, preTokenizer: ByteLevel(), decoder: ByteLevel(), added: added));

    private static JsonObject Token(int id, string content, string flag)
    {
        var token = Added(id, content);
        token[flag] = true;
        return token;
    }

    [Fact]
    public void Encode_LStripToken_TakesTheSpacesBeforeIt()
    {
        // "a <mask>": without lstrip the space is its own piece (Ġ = 32); with it the token swallows the space.
        Assert.Equal([97, 32, 256], With(null, Added(256, "<mask>")).Encode("a <mask>"));
        Assert.Equal([97, 256], With(null, Token(256, "<mask>", "lstrip")).Encode("a <mask>"));
    }

    [Fact]
    public void Encode_RStripToken_TakesTheSpacesAfterIt()
    {
        Assert.Equal([256, 98], With(null, Token(256, "<sep>", "rstrip")).Encode("<sep>  b"));
    }

    [Fact]
    public void Encode_SingleWordToken_OnlyMatchesAWholeWord()
    {
        // In "words" the token is followed by a word character, so it stays bytes w o r d s; the last "word" matches.
        Assert.Equal([119, 111, 114, 100, 115, 32, 256], With(null, Token(256, "word", "single_word")).Encode("words word"));
    }

    [Fact]
    public void Encode_NormalizedToken_MatchesTheNormalizedText()
    {
        // normalized true: "HELLO" is lowercased first and then found as the token.
        var tokenizer = With(Typed("Lowercase"), Added(256, "hello", special: false));

        Assert.Equal([97, 32, 256], tokenizer.Encode("A HELLO"));
        Assert.Empty(tokenizer.SpecialTokenIds);
        Assert.Equal("a hello", tokenizer.Decode([97, 32, 256]));
    }

    [Fact]
    public void Encode_AddedTokenAlreadyInTheVocabulary_KeepsTheVocabularyId()
    {
        // The file says 300, but "a" is byte 97 in the model: the Rust reader keeps the model's id.
        Assert.Equal([97], With(null, Added(300, "a")).Encode("a"));
    }
}
