namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>A tokenizer.json "model": turns one pre-tokenized word into ids, and knows its vocabulary.</summary>
internal abstract class TokenizerModel
{
    /// <summary>The number of entries (the Rust <c>get_vocab_size</c>, which numbers added tokens after it).</summary>
    public abstract int Count { get; }

    /// <summary>The largest id in the vocabulary, or -1 when it is empty.</summary>
    public abstract int MaxId { get; }

    /// <summary>Appends the ids of <paramref name="word"/>, which is never empty.</summary>
    public abstract void Tokenize(string word, List<int> ids);

    public abstract int? TokenToId(string token);

    public abstract string? IdToToken(int id);
}
