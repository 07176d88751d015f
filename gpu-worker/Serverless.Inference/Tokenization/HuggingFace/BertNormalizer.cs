using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"BertNormalizer": control characters out, whitespace to spaces, spaces around CJK ideographs, accents and case folded.</summary>
internal sealed class BertNormalizer(bool cleanText, bool handleChineseChars, bool stripAccents, bool lowercase) : Normalizer
{
    public override string Normalize(string text)
    {
        if (cleanText || handleChineseChars)
        {
            text = CleanAndSpace(text);
        }

        if (stripAccents)
        {
            text = StripAccentsNormalizer.RemoveWhere(UnicodeNormalization.Decompose(text, compatibility: false), UnicodeChars.IsNonSpacingMark);
        }

        return lowercase ? LowercaseNormalizer.Lower(text) : text;
    }

    private string CleanAndSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var rune = UnicodeChars.RuneAt(text, i, out var length);
            i += length;
            var value = rune.Value;
            if (cleanText)
            {
                if (value is 0 or 0xFFFD || (value is not ('\t' or '\n' or '\r') && UnicodeChars.IsOther(rune)))
                {
                    continue;
                }

                if (value is '\t' or '\n' or '\r' || UnicodeChars.IsWhiteSpace(rune))
                {
                    builder.Append(' ');
                    continue;
                }
            }

            if (handleChineseChars && IsChinese(value))
            {
                builder.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>The CJK Unified Ideographs blocks BERT's original code lists.</summary>
    private static bool IsChinese(int value) => value is
        (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or
        (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B920 and <= 0x2CEAF) or
        (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
