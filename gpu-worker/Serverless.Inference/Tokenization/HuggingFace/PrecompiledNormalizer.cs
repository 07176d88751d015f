namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// "Precompiled": SentencePiece's normalization rules compiled into a character map (mostly NFKC). Not applied: the
/// text passes unchanged, which is exact for text the map leaves alone (already NFKC, no odd spaces or controls).
/// </summary>
internal sealed class PrecompiledNormalizer : Normalizer
{
    public static Normalizer Read(JsonField field)
    {
        _ = field.Required("precompiled_charsmap");
        return new PrecompiledNormalizer();
    }

    public override string Normalize(string text) => text;
}
