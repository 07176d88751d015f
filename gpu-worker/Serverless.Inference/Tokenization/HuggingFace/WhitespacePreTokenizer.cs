namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Whitespace": the regex <c>\w+|[^\w\s]+</c>, runs of word characters and runs of other non-space characters; spaces go.</summary>
internal sealed class WhitespacePreTokenizer : PreTokenizer
{
    public override void Split(PreToken piece, List<PreToken> output)
    {
        var text = piece.Text;
        for (var i = 0; i < text.Length;)
        {
            var rune = UnicodeChars.RuneAt(text, i, out var length);
            if (UnicodeChars.IsWhiteSpace(rune))
            {
                i += length;
                continue;
            }

            var word = UnicodeChars.IsWordCharacter(rune);
            var start = i;
            i += length;
            while (i < text.Length)
            {
                var next = UnicodeChars.RuneAt(text, i, out length);
                if (UnicodeChars.IsWordCharacter(next) != word || (!word && UnicodeChars.IsWhiteSpace(next)))
                {
                    break;
                }

                i += length;
            }

            output.Add(new PreToken(text[start..i], piece.AtOrigin && start == 0));
        }
    }
}
