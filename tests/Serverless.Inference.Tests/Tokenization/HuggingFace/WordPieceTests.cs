using System.Text.Json.Nodes;
using Serverless.Inference.Tokenization.HuggingFace;
using static Serverless.Inference.Tests.Tokenization.HuggingFace.TokenizerJson;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

/// <summary>BERT and MiniLM's shape: BertNormalizer, BertPreTokenizer, WordPiece with "##", [CLS] … [SEP].</summary>
public sealed class WordPieceTests
{
    private static readonly string[] Tokens =
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "hello", ",", "world", "!", "naive", "cafe", "##s", "中"];

    private static HuggingFaceTokenizer Bert() => HuggingFaceTokenizer.Parse(Tokenizer(
        new JsonObject
        {
            ["type"] = "WordPiece", ["unk_token"] = "[UNK]", ["continuing_subword_prefix"] = "##", ["max_input_chars_per_word"] = 100,
            ["vocab"] = Vocab(Tokens),
        },
        normalizer: Typed("BertNormalizer", ("clean_text", true), ("handle_chinese_chars", true), ("strip_accents", null), ("lowercase", true)),
        preTokenizer: Typed("BertPreTokenizer"),
        postProcessor: Typed("BertProcessing", ("sep", new JsonArray("[SEP]", 3)), ("cls", new JsonArray("[CLS]", 2))),
        decoder: Typed("WordPiece", ("prefix", "##"), ("cleanup", true)),
        added: [Added(0, "[PAD]"), Added(1, "[UNK]"), Added(2, "[CLS]"), Added(3, "[SEP]")]));

    [Fact]
    public void Encode_Bert_LowercasesStripsAccentsAndSplitsWordsIntoPieces()
    {
        // Normalized: "hello, unaffable world! naive cafes" (lowercase; strip_accents null follows lowercase).
        // Words: hello , unaffable world ! naive cafes. "unaffable" is no token: longest first "un" (4), then
        // "##aff" (5), "##able" (6); "cafes" is "cafe" (12) + "##s" (13). [CLS] 2 before, [SEP] 3 after.
        Assert.Equal([2, 7, 8, 4, 5, 6, 9, 10, 11, 12, 13, 3], Bert().Encode("Héllo, Unaffable WÖRLD! naïve cafés"));
    }

    [Fact]
    public void Encode_Bert_WordWithAnUnmatchedRestIsOneUnk()
    {
        // "unx": "un" matches but "##x" is no token, so the whole word is [UNK] (1); 中 is spaced out and matched.
        Assert.Equal([1, 14, 7], Bert().Encode("unx中hello", addSpecialTokens: false));
    }

    [Fact]
    public void Decode_WordPiece_JoinsPiecesAndCleansUpPunctuation()
    {
        var tokenizer = Bert();

        Assert.Equal("hello, unaffable world! naive cafes", tokenizer.Decode([2, 7, 8, 4, 5, 6, 9, 10, 11, 12, 13, 3]));
        Assert.Equal("[CLS] hello [SEP]", tokenizer.Decode([2, 7, 3], skipSpecialTokens: false));
    }
}
