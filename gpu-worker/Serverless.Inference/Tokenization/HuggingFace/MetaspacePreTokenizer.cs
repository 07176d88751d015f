namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Metaspace": spaces become the replacement ("▁"), one is put in front per the prepend scheme, and pieces start at each replacement.</summary>
internal sealed class MetaspacePreTokenizer(string replacement, PrependScheme prependScheme, bool split) : PreTokenizer
{
    public override void Split(PreToken piece, List<PreToken> output)
    {
        var text = piece.Text.Replace(" ", replacement, StringComparison.Ordinal);
        var prepend = prependScheme switch
        {
            PrependScheme.Always => true,
            PrependScheme.First => piece.AtOrigin,
            _ => false,
        };
        if (prepend && !text.StartsWith(replacement, StringComparison.Ordinal))
        {
            text = replacement + text;
        }

        var replaced = piece with { Text = text };
        if (!split)
        {
            output.Add(replaced);
            return;
        }

        PieceSplitter.Split(replaced, new LiteralPattern(replacement).Cut(text), SplitBehavior.MergedWithNext, output);
    }
}
