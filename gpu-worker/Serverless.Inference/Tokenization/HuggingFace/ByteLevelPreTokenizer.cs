namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"ByteLevel": optionally a leading space and GPT-2's split, then every piece's UTF-8 bytes as stand-in characters.</summary>
internal sealed class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : PreTokenizer
{
    /// <summary>GPT-2's pre-tokenizer pattern, which ByteLevel applies when use_regex is true.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private static readonly Lazy<RegexPattern> Gpt2 = new(() => new RegexPattern(Gpt2Pattern));

    public override void Split(PreToken piece, List<PreToken> output)
    {
        if (addPrefixSpace && !piece.Text.StartsWith(' '))
        {
            piece = piece with { Text = " " + piece.Text };
        }

        if (!useRegex)
        {
            output.Add(piece with { Text = ByteLevelAlphabet.Encode(piece.Text) });
            return;
        }

        var words = new List<PreToken>();
        PieceSplitter.Split(piece, Gpt2.Value.Cut(piece.Text), SplitBehavior.Isolated, words);
        foreach (var word in words)
        {
            output.Add(word with { Text = ByteLevelAlphabet.Encode(word.Text) });
        }
    }
}
