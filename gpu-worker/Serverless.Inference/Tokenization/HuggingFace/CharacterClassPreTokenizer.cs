using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// The pre-tokenizers that cut at a class of characters: "WhitespaceSplit" (spaces removed), "Punctuation" and
/// "Digits" (isolated, or digit runs kept together), "CharDelimiterSplit" (the delimiter removed) and
/// "BertPreTokenizer" (spaces removed, then punctuation isolated).
/// </summary>
internal sealed class CharacterClassPreTokenizer(Func<Rune, bool> isDelimiter, SplitBehavior behavior) : PreTokenizer
{
    public static PreTokenizer WhitespaceSplit { get; } = new CharacterClassPreTokenizer(UnicodeChars.IsWhiteSpace, SplitBehavior.Removed);

    public static PreTokenizer Bert { get; } = new SequencePreTokenizer([
        WhitespaceSplit,
        new CharacterClassPreTokenizer(UnicodeChars.IsPunctuation, SplitBehavior.Isolated),
    ]);

    public static PreTokenizer Punctuation(SplitBehavior behavior) => new CharacterClassPreTokenizer(UnicodeChars.IsPunctuation, behavior);

    public static PreTokenizer Digits(bool individualDigits) =>
        new CharacterClassPreTokenizer(UnicodeChars.IsNumeric, individualDigits ? SplitBehavior.Isolated : SplitBehavior.Contiguous);

    public static PreTokenizer Delimiter(string delimiter)
    {
        var value = Rune.GetRuneAt(delimiter, 0);
        return new CharacterClassPreTokenizer(rune => rune == value, SplitBehavior.Removed);
    }

    public override void Split(PreToken piece, List<PreToken> output) =>
        PieceSplitter.Split(piece, PieceSplitter.CutWhere(piece.Text, isDelimiter), behavior, output);
}
