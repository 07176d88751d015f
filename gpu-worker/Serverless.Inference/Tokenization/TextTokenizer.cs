using Microsoft.ML.Tokenizers;

namespace Serverless.Inference.Tokenization;

/// <summary>A model's tokenizer as the runtime uses it: the ids the model reads, and text back from ids.</summary>
internal sealed class TextTokenizer(Tokenizer inner, bool foldAccents = false)
{
    public Tokenizer Inner { get; } = inner;

    /// <summary>
    /// The ids the model reads. BERT's [CLS] … [SEP] come only from <see cref="BertTokenizer"/>'s own
    /// overload (the base one leaves them out), and its accents are folded here (see <see cref="AccentFolding"/>).
    /// </summary>
    public IReadOnlyList<int> Encode(string text)
    {
        var input = foldAccents ? AccentFolding.Fold(text) : text;
        return Inner is BertTokenizer bert ? bert.EncodeToIds(input, addSpecialTokens: true) : Inner.EncodeToIds(input);
    }

    public string Decode(IEnumerable<int> ids) => Inner.Decode(ids) ?? string.Empty;
}
