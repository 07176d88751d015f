using System.Text.Json;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// A Hugging Face tokenizer.json, run as the Rust <c>tokenizers</c> library runs it: added tokens split out first,
/// then normalizer, pre-tokenizer and model on each stretch between them, then the post-processor; decoding
/// goes through the decoder. Immutable after loading and safe to share between threads.
/// </summary>
internal sealed class HuggingFaceTokenizer
{
    private readonly TokenizerModel model;
    private readonly AddedVocabulary added;
    private readonly Normalizer? normalizer;
    private readonly PreTokenizer? preTokenizer;
    private readonly PostProcessor? postProcessor;
    private readonly Decoder? decoder;

    private HuggingFaceTokenizer(TokenizerModel model, AddedVocabulary added, Normalizer? normalizer, PreTokenizer? preTokenizer, PostProcessor? postProcessor, Decoder? decoder)
    {
        this.model = model;
        this.added = added;
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.postProcessor = postProcessor;
        this.decoder = decoder;
    }

    /// <summary>Largest id + 1 over the model's vocabulary and the added tokens.</summary>
    public int VocabSize => Math.Max(model.MaxId, added.MaxId) + 1;

    public IReadOnlySet<int> SpecialTokenIds => added.SpecialIds;

    /// <summary>Whether tokens are spelled in the byte-level alphabet, so each one's raw bytes can be read back from its spelling.</summary>
    public bool IsByteLevel => decoder is ByteLevelDecoder;

    /// <summary>Reads a tokenizer.json file.</summary>
    /// <exception cref="TokenizerJsonException">Its content is not a tokenizer this reader can run; Field names where.</exception>
    public static HuggingFaceTokenizer Load(string path) => Parse(File.ReadAllBytes(path));

    /// <exception cref="TokenizerJsonException">The JSON is not a tokenizer this reader can run; Field names where.</exception>
    public static HuggingFaceTokenizer Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Reads tokenizer.json's UTF-8 bytes (a file is parsed as it is, without a round trip through UTF-16).</summary>
    private static HuggingFaceTokenizer Parse(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new TokenizerJsonException("$", $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = new JsonField(document.RootElement, string.Empty);
            if (root.Element.ValueKind != JsonValueKind.Object)
            {
                throw new TokenizerJsonException("$", "must be an object");
            }

            if (root.OptionalString("version") is { } version && version != "1.0")
            {
                throw new TokenizerJsonException("version", $"unknown version '{version}'");
            }

            var model = ModelReader.Read(root.Required("model"));
            var normalizer = root.Optional("normalizer") is { } n ? NormalizerReader.Read(n) : null;
            var preTokenizer = root.Optional("pre_tokenizer") is { } p ? PreTokenizerReader.Read(p) : null;
            var postProcessor = root.Optional("post_processor") is { } pp ? PostProcessorReader.Read(pp) : null;
            var decoder = root.Optional("decoder") is { } d ? DecoderReader.Read(d) : null;
            var addedTokens = root.Optional("added_tokens") is { } a ? a.Items().Select(ReadAddedToken).ToList() : [];
            return new HuggingFaceTokenizer(model, new AddedVocabulary(addedTokens, model, normalizer), normalizer, preTokenizer, postProcessor, decoder);
        }
    }

    /// <param name="text">Added and special tokens written in it are always recognised as their ids.</param>
    /// <param name="addSpecialTokens">Whether the post-processor adds its special tokens (Llama's BOS, BERT's [CLS] … [SEP]).</param>
    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true)
    {
        var ids = new List<int>(text.Length / 3);
        var words = new List<PreToken>();
        foreach (var (start, end, id) in added.RawMatcher.Split(text))
        {
            if (id is { } rawToken)
            {
                ids.Add(rawToken);
                continue;
            }

            var chunk = text[start..end];
            var normalized = normalizer?.Normalize(chunk) ?? chunk;
            foreach (var (innerStart, innerEnd, innerId) in added.NormalizedMatcher.Split(normalized))
            {
                if (innerId is { } normalizedToken)
                {
                    ids.Add(normalizedToken);
                    continue;
                }

                var piece = new PreToken(normalized[innerStart..innerEnd], start == 0 && innerStart == 0);
                words.Clear();
                if (preTokenizer is null)
                {
                    words.Add(piece);
                }
                else
                {
                    preTokenizer.Split(piece, words);
                }

                foreach (var word in words)
                {
                    if (word.Text.Length > 0)
                    {
                        model.Tokenize(word.Text, ids);
                    }
                }
            }
        }

        return postProcessor?.Process(ids, addSpecialTokens) ?? ids;
    }

    /// <param name="ids">Ids that are neither in the vocabulary nor added tokens are left out, as the Rust side does.</param>
    /// <param name="skipSpecialTokens">When false, special tokens appear as their content.</param>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        var tokens = new List<string>();
        foreach (var id in ids)
        {
            if (IdToToken(id) is { } token && !(skipSpecialTokens && added.IsSpecial(token)))
            {
                tokens.Add(token);
            }
        }

        return decoder is null ? string.Join(' ', tokens) : string.Concat(decoder.DecodeChain(tokens));
    }

    public int? TokenToId(string token) => added.TokenToId(token) ?? model.TokenToId(token);

    public string? IdToToken(int id) => added.IdToToken(id) ?? model.IdToToken(id);

    private static AddedToken ReadAddedToken(JsonField field) => new(
        field.Required("id").Int(),
        field.Required("content").String(),
        field.OptionalBool("single_word", false),
        field.OptionalBool("lstrip", false),
        field.OptionalBool("rstrip", false),
        field.OptionalBool("normalized", !field.OptionalBool("special", false)),
        field.OptionalBool("special", false));
}
