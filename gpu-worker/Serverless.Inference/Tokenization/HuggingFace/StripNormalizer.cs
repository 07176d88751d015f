using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Strip": removes leading and/or trailing whitespace.</summary>
internal sealed class StripNormalizer(bool left, bool right) : Normalizer
{
    public override string Normalize(string text)
    {
        var start = 0;
        var end = text.Length;
        if (left)
        {
            while (start < end && UnicodeChars.IsWhiteSpace(UnicodeChars.RuneAt(text, start, out var length)))
            {
                start += length;
            }
        }

        if (right)
        {
            while (end > start && Rune.DecodeLastFromUtf16(text.AsSpan(start, end - start), out var rune, out var length) == System.Buffers.OperationStatus.Done &&
                   UnicodeChars.IsWhiteSpace(rune))
            {
                end -= length;
            }
        }

        return text[start..end];
    }
}
