using System.Text.Json.Nodes;
using Serverless.Inference.Tokenization.HuggingFace;
using static Serverless.Inference.Tests.Tokenization.HuggingFace.TokenizerJson;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

public sealed class UnigramTests
{
    private static HuggingFaceTokenizer Unigram() => HuggingFaceTokenizer.Parse(Tokenizer(
        new JsonObject
        {
            ["type"] = "Unigram",
            ["unk_id"] = 0,
            ["byte_fallback"] = false,
            ["vocab"] = new JsonArray(
                new JsonArray("<unk>", 0.0),
                new JsonArray("▁", -2.0),
                new JsonArray("▁a", -3.5),
                new JsonArray("b", -3.0),
                new JsonArray("ab", -4.0),
                new JsonArray("▁ab", -6.5),
                new JsonArray("a", -3.0)),
        },
        preTokenizer: Typed("Metaspace", ("replacement", "▁"), ("prepend_scheme", "always"), ("split", true)),
        decoder: Typed("Metaspace", ("replacement", "▁"), ("prepend_scheme", "always"), ("split", true))));

    [Fact]
    public void Encode_Unigram_TakesTheBestScoringSegmentationNotTheLongestToken()
    {
        // "▁ab": ▁ + ab = -2 - 4 = -6 beats ▁a + b = -6.5, ▁ab = -6.5 and ▁ + a + b = -8: ids 1, 4.
        Assert.Equal([1, 4], Unigram().Encode("ab"));
    }

    [Fact]
    public void Encode_Unigram_UnknownCharactersFuseIntoOneUnk()
    {
        // "▁zz": no token covers z, each scores the lowest score minus 10 (-16.5) as unk; the two unks fuse into one.
        Assert.Equal([1, 4, 1, 0], Unigram().Encode("ab zz"));
    }

    [Fact]
    public void Decode_Unigram_ReplacementBecomesSpace()
    {
        Assert.Equal("ab ab", Unigram().Decode([1, 4, 5]));
    }
}
