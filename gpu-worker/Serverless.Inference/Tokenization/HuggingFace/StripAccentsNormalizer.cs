using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"StripAccents": drops every mark (M*); it does not decompose first, so it is usually placed after NFD/NFKD.</summary>
internal sealed class StripAccentsNormalizer : Normalizer
{
    public static string RemoveWhere(string text, Func<Rune, bool> remove)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length;)
        {
            var rune = UnicodeChars.RuneAt(text, i, out var length);
            if (remove(rune))
            {
                builder ??= new StringBuilder(text.Length).Append(text, 0, i);
            }
            else
            {
                builder?.Append(text, i, length);
            }

            i += length;
        }

        return builder?.ToString() ?? text;
    }

    public override string Normalize(string text) => RemoveWhere(text, UnicodeChars.IsMark);
}
