namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Sequence": each pre-tokenizer in turn over every piece the previous one made.</summary>
internal sealed class SequencePreTokenizer(IReadOnlyList<PreTokenizer> preTokenizers) : PreTokenizer
{
    public override void Split(PreToken piece, List<PreToken> output)
    {
        List<PreToken> current = [piece];
        foreach (var preTokenizer in preTokenizers)
        {
            var next = new List<PreToken>(current.Count * 2);
            foreach (var item in current)
            {
                preTokenizer.Split(item, next);
            }

            current = next;
        }

        output.AddRange(current);
    }
}
