using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Serverless.Inference.Catalog;
using Serverless.Inference.Tests.Fixtures;
using Serverless.Inference.Tokenization;

namespace Serverless.Inference.Tests.Tokenization;

public sealed class TokenizerLoaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void Tiktoken_Gpt2_IsTheRealGpt2Vocabulary()
    {
        var tokenizer = TokenizerLoader.Create(new TokenizerManifest("tiktoken", Encoding: "gpt2"), folder.Path, addBeginningOfSentence: true);

        Assert.Equal([15496, 995], tokenizer.Encode("Hello world"));
        Assert.Equal("Hello world", tokenizer.Decode([15496, 995]));
    }

    [Fact]
    public void Tiktoken_EncodingWithoutItsDataPackage_IsALoadFailureOfModelJson()
    {
        var error = Assert.Throws<ModelLoadException>(() =>
            TokenizerLoader.Create(new TokenizerManifest("tiktoken", Encoding: "no_such_base"), folder.Path, addBeginningOfSentence: false));

        Assert.Equal("model.json", error.File);
    }

    [Fact]
    public void Bpe_ByteLevelVocabularyAndMerges_RoundTripsAnyText()
    {
        WriteByteLevelBpe(["h e", "l l", "he ll", "hell o", "Ġ w", "Ġw o"]);
        var tokenizer = TokenizerLoader.Create(new TokenizerManifest("bpe", Vocab: "vocab.json", Merges: "merges.txt"), folder.Path, addBeginningOfSentence: false);

        var ids = tokenizer.Encode("hello world");
        var pieces = ids.Select(id => tokenizer.Decode([id])).ToArray();

        Assert.Equal(["hello", " wo", "r", "l", "d"], pieces);
        Assert.Equal("naïve — ok", tokenizer.Decode(tokenizer.Encode("naïve — ok")));
    }

    [Fact]
    public void Bpe_MissingMerges_NamesTheFile()
    {
        WriteByteLevelBpe([]);
        File.Delete(Path.Combine(folder.Path, "merges.txt"));

        var error = Assert.Throws<ModelLoadException>(() =>
            TokenizerLoader.Create(new TokenizerManifest("bpe", Vocab: "vocab.json", Merges: "merges.txt"), folder.Path, addBeginningOfSentence: false));

        Assert.Equal(("merges.txt", "file not found"), (error.File, error.Reason));
    }

    [Fact]
    public void SentencePiece_BpeModel_EncodesWithBosAndDecodesWithSpaces()
    {
        SentencePieceModelWriter.Write(Path.Combine(folder.Path, "tokenizer.model"), [
            "▁hello", "▁world", "▁he", "llo", "▁wor", "ld", "▁h", "he", "ll", "lo", "▁w", "or",
            "▁", "h", "e", "l", "o", "w", "r", "d",
        ]);

        var tokenizer = TokenizerLoader.Create(new TokenizerManifest("sentencepiece", Model: "tokenizer.model"), folder.Path, addBeginningOfSentence: true);
        var ids = tokenizer.Encode("hello world");

        Assert.Equal([1, 3, 4], ids);
        Assert.Equal("hello world", tokenizer.Decode(ids.Skip(1)));
    }

    [Fact]
    public void SentencePiece_CorruptModel_NamesTheFile()
    {
        File.WriteAllBytes(Path.Combine(folder.Path, "tokenizer.model"), [0xFF, 0xFF, 0xFF, 0x01, 0x02]);

        var error = Assert.Throws<ModelLoadException>(() =>
            TokenizerLoader.Create(new TokenizerManifest("sentencepiece", Model: "tokenizer.model"), folder.Path, addBeginningOfSentence: true));

        Assert.Equal("tokenizer.model", error.File);
    }

    [Fact]
    public void WordPiece_LowercasesAndStripsAccents_SoNaiveIsNotUnknown()
    {
        File.WriteAllLines(Path.Combine(folder.Path, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "naive", "cafe", "is", "##s", "."]);

        var tokenizer = TokenizerLoader.Create(new TokenizerManifest("wordpiece", Vocab: "vocab.txt"), folder.Path, addBeginningOfSentence: false);

        Assert.Equal([2, 5, 7, 6, 9, 3], tokenizer.Encode("Naïve is Café."));
        Assert.Equal([2, 5, 3], tokenizer.Encode("NAÏVE"));
    }

    [Fact]
    public void WordPiece_WithoutAccentStripping_KeepsTheAccentedWordUnknown()
    {
        File.WriteAllLines(Path.Combine(folder.Path, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "naive"]);

        var tokenizer = TokenizerLoader.Create(new TokenizerManifest("wordpiece", Vocab: "vocab.txt", StripAccents: false), folder.Path, addBeginningOfSentence: false);

        Assert.Equal([2, 1, 3], tokenizer.Encode("naïve"));
    }

    public void Dispose() => folder.Dispose();

    private void WriteByteLevelBpe(IReadOnlyList<string> merges)
    {
        var vocab = new Dictionary<string, int>();
        foreach (var symbol in Gpt2ByteAlphabet.Build())
        {
            vocab[symbol.ToString()] = vocab.Count;
        }

        foreach (var merge in merges)
        {
            vocab[merge.Replace(" ", string.Empty, StringComparison.Ordinal)] = vocab.Count;
        }

        vocab["<|endoftext|>"] = vocab.Count;
        File.WriteAllText(Path.Combine(folder.Path, "vocab.json"), JsonSerializer.Serialize(vocab));
        File.WriteAllLines(Path.Combine(folder.Path, "merges.txt"), ["#version: 0.2", .. merges]);
    }
}
