namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Split": cuts at a string or regex pattern (Llama 3 and Qwen 2 carry their own regex here), or at what it does not match when inverted.</summary>
internal sealed class SplitPreTokenizer(TextPattern pattern, SplitBehavior behavior, bool invert) : PreTokenizer
{
    public override void Split(PreToken piece, List<PreToken> output) =>
        PieceSplitter.Split(piece, pattern.Cut(piece.Text, invert), behavior, output);
}
