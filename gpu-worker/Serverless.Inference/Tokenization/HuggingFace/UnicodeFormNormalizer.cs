namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"NFC", "NFD", "NFKC" or "NFKD", by <see cref="UnicodeNormalization"/>'s own tables.</summary>
internal sealed class UnicodeFormNormalizer(bool compose, bool compatibility) : Normalizer
{
    public override string Normalize(string text) =>
        compose ? UnicodeNormalization.Compose(text, compatibility) : UnicodeNormalization.Decompose(text, compatibility);
}
