namespace Serverless.Inference.Catalog;

/// <summary>The <c>tokenizer</c> object of model.json; only the keys its <see cref="Type"/> uses are set.</summary>
/// <param name="Type"><c>huggingface</c>, <c>tiktoken</c>, <c>bpe</c>, <c>sentencepiece</c> or <c>wordpiece</c>.</param>
/// <param name="Encoding">The tiktoken encoding name.</param>
/// <param name="Vocab">The vocabulary file (bpe, wordpiece).</param>
/// <param name="Merges">The merges file (bpe).</param>
/// <param name="Model">The SentencePiece model file.</param>
/// <param name="Lowercase">Whether WordPiece lowercases first.</param>
/// <param name="StripAccents">Whether WordPiece strips accents first.</param>
/// <param name="File">The Hugging Face <c>tokenizer.json</c> file (huggingface).</param>
public sealed record TokenizerJson(
    string? Type,
    string? Encoding = null,
    string? Vocab = null,
    string? Merges = null,
    string? Model = null,
    bool? Lowercase = null,
    bool? StripAccents = null,
    string? File = null);
