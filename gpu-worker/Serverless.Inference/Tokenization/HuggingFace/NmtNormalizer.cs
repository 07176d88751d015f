namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Nmt": SentencePiece's control-character clean-up (some controls removed, odd spaces made plain).</summary>
internal sealed class NmtNormalizer : Normalizer
{
    public override string Normalize(string text)
    {
        var withoutControls = StripAccentsNormalizer.RemoveWhere(text, rune => rune.Value is (>= 0x01 and <= 0x08) or 0x0B or (>= 0x0E and <= 0x1F) or 0x7F or 0x8F or 0x9F);
        return string.Create(withoutControls.Length, withoutControls, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is '\t' or '\n' or '\f' or '\r' or '\u1680' or (>= '\u200B' and <= '\u200F') or '\u2028' or '\u2029' or '\u2581' or '\uFEFF' or '\uFFFD'
                    ? ' '
                    : source[i];
            }
        });
    }
}
