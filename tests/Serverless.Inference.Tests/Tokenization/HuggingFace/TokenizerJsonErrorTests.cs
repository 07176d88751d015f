using System.Text.Json.Nodes;
using Serverless.Inference.Tokenization.HuggingFace;
using static Serverless.Inference.Tests.Tokenization.HuggingFace.TokenizerJson;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

public sealed class TokenizerJsonErrorTests
{
    private static JsonObject SmallBpe() => Bpe(["a", "b", "ab"], ["a b"]);

    private static TokenizerJsonException Fails(string json) => Assert.Throws<TokenizerJsonException>(() => HuggingFaceTokenizer.Parse(json));

    [Fact]
    public void Parse_UnknownModelType_NamesModelTypeAndTheType()
    {
        var model = SmallBpe();
        model["type"] = "Sentencepiece2";

        var error = Fails(Tokenizer(model));

        Assert.Equal("model.type", error.Field);
        Assert.Contains("Sentencepiece2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BpeWithoutVocab_NamesModelVocab()
    {
        var model = SmallBpe();
        model.Remove("vocab");

        var error = Fails(Tokenizer(model));

        Assert.Equal(("model.vocab", "is missing"), (error.Field, error.Reason));
    }

    [Fact]
    public void Parse_MergeOfAnUnknownToken_NamesTheMerge()
    {
        var error = Fails(Tokenizer(Bpe(["a", "b", "ab"], ["a b", "a q"])));

        Assert.Equal("model.merges[1]", error.Field);
        Assert.Contains("'q'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MergeWhoseResultIsNoToken_NamesTheMerge()
    {
        Assert.Equal("model.merges[0]", Fails(Tokenizer(Bpe(["a", "b"], ["a b"]))).Field);
    }

    [Fact]
    public void Parse_UnsupportedNormalizerInASequence_NamesItsType()
    {
        var normalizer = Typed("Sequence", ("normalizers", new JsonArray(Typed("NFC"), Typed("Transliterate"))));

        var error = Fails(Tokenizer(SmallBpe(), normalizer: normalizer));

        Assert.Equal("normalizer.normalizers[1].type", error.Field);
        Assert.Contains("Transliterate", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RegexDotNetCannotRun_NamesThePattern()
    {
        var preTokenizer = Typed("Sequence", ("pretokenizers", new JsonArray(
            ByteLevel(),
            Typed("Split", ("pattern", Pattern("Regex", "(unclosed")), ("behavior", "Isolated"), ("invert", false)))));

        Assert.Equal("pre_tokenizer.pretokenizers[1].pattern", Fails(Tokenizer(SmallBpe(), preTokenizer: preTokenizer)).Field);
    }

    [Theory]
    [InlineData("pre_tokenizer", "UnicodeScripts")]
    [InlineData("decoder", "CTC")]
    [InlineData("post_processor", "Unknown")]
    public void Parse_UnsupportedComponent_NamesItsType(string component, string type)
    {
        var json = JsonNode.Parse(Tokenizer(SmallBpe()))!.AsObject();
        json[component] = Typed(type);

        var error = Fails(json.ToJsonString());

        Assert.Equal($"{component}.type", error.Field);
        Assert.Contains(type, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TemplateNamingAMissingSpecialToken_NamesThePiece()
    {
        var template = BosTemplate("<s>", 1);
        template["special_tokens"] = new JsonObject();

        Assert.Equal("post_processor.single[0].SpecialToken.id", Fails(Tokenizer(SmallBpe(), postProcessor: template)).Field);
    }

    [Fact]
    public void Parse_UnkTokenOutsideTheVocabulary_NamesIt()
    {
        Assert.Equal("model.unk_token", Fails(Tokenizer(Bpe(["a"], [], unk: "<unk>"))).Field);
    }

    [Fact]
    public void Parse_NotJson_IsATokenizerJsonException()
    {
        Assert.Equal("$", Fails("{ not json").Field);
    }

    [Fact]
    public void Load_MissingModel_NamesModel()
    {
        var json = JsonNode.Parse(Tokenizer(SmallBpe()))!.AsObject();
        json.Remove("model");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, json.ToJsonString());

            Assert.Equal("model", Assert.Throws<TokenizerJsonException>(() => HuggingFaceTokenizer.Load(path)).Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
