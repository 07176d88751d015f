using Microsoft.ML.Tokenizers;
using Serverless.Inference.Tokenization.HuggingFace;

namespace Serverless.Inference.Tokenization;

/// <summary>
/// A model's tokenizer as the runtime uses it: the ids the model reads, and text back from ids. It wraps a
/// Microsoft.ML.Tokenizers tokenizer (model.json's tiktoken, bpe, sentencepiece and wordpiece) or a Hugging Face
/// <c>tokenizer.json</c>.
/// </summary>
internal sealed class TextTokenizer
{
    private readonly HuggingFaceTokenizer? huggingFace;
    private readonly bool foldAccents;

    public TextTokenizer(Tokenizer inner, bool foldAccents = false)
    {
        Inner = inner;
        this.foldAccents = foldAccents;
    }

    public TextTokenizer(HuggingFaceTokenizer huggingFace) => this.huggingFace = huggingFace;

    /// <summary>The Microsoft.ML.Tokenizers tokenizer, or null for a <c>tokenizer.json</c>.</summary>
    public Tokenizer? Inner { get; }

    /// <summary>
    /// The ids the model reads. <paramref name="addSpecialTokens"/> applies a tokenizer.json's post-processor
    /// (Llama's BOS); a chat template that writes its own BOS turns it off. BERT's [CLS] … [SEP] come only from
    /// <see cref="BertTokenizer"/>'s own overload (the base one leaves them out), and its accents are folded here
    /// (see <see cref="AccentFolding"/>).
    /// </summary>
    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true)
    {
        if (huggingFace is not null)
        {
            return huggingFace.Encode(text, addSpecialTokens);
        }

        var input = foldAccents ? AccentFolding.Fold(text) : text;
        return Inner is BertTokenizer bert ? bert.EncodeToIds(input, addSpecialTokens: true) : Inner!.EncodeToIds(input);
    }

    public string Decode(IEnumerable<int> ids) => huggingFace?.Decode(ids) ?? Inner!.Decode(ids) ?? string.Empty;

    /// <summary>Whether the id is a special token (a tokenizer.json's special tokens, BERT's [SEP]).</summary>
    public bool IsSpecial(int id) => huggingFace?.SpecialTokenIds.Contains(id) ?? (Inner is BertTokenizer bert && id == bert.SeparatorTokenId);

    /// <summary>
    /// The raw bytes one token stands for (possibly part of a UTF-8 character), or null for a special token or an id
    /// whose bytes cannot be known (a non-byte-level token that is only part of a character).
    /// </summary>
    public byte[]? TokenBytes(int id)
    {
        if (IsSpecial(id))
        {
            return null;
        }

        if (Inner is TiktokenTokenizer tiktoken)
        {
            // The loader builds tiktoken only for the gpt2 encoding.
            return tiktoken.SpecialTokens?.Values.Contains(id) != true && TiktokenRanks.Gpt2.TryGetValue(id, out var raw) ? raw : null;
        }

        if (huggingFace is { IsByteLevel: true } && huggingFace.IdToToken(id) is { } spelling)
        {
            var bytes = new List<byte>();
            return ByteLevelAlphabet.TryAppendBytes(spelling, bytes) ? [.. bytes] : null;
        }

        var text = Decode([id]);
        return text.Length == 0 || text.Contains('\uFFFD', StringComparison.Ordinal) ? null : System.Text.Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The id of a token written out (a special token such as &lt;|eot_id|&gt;), if the vocabulary has it.</summary>
    public int? TokenToId(string token) => huggingFace is not null ? huggingFace.TokenToId(token) : null;
}
