using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Lowercase": Rust's <c>char::to_lowercase</c> for each character.</summary>
internal sealed class LowercaseNormalizer : Normalizer
{
    public static string Lower(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var rune = UnicodeChars.RuneAt(text, i, out var length);
            if (rune.Value == 0x130)
            {
                // İ is the one character whose full lowercase mapping is two: i and a combining dot above.
                builder.Append("i\u0307");
            }
            else
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }

            i += length;
        }

        return builder.ToString();
    }

    public override string Normalize(string text) => Lower(text);
}
