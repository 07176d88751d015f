namespace Serverless.Inference.Generation.Streaming;

/// <summary>
/// Turns tokens into text as they come, never emitting half a character: a byte-level token may end
/// inside a multi-byte UTF-8 sequence, which decodes to U+FFFD until the next token completes it.
/// </summary>
/// <remarks>
/// Each step decodes the tokens since the last emitted piece together with the piece before them and
/// emits the difference, so tokenizers whose decoding depends on the neighbour (SentencePiece's leading
/// space) produce the same text as decoding everything at once.
/// </remarks>
internal sealed class IncrementalDecoder(Func<IEnumerable<int>, string> decode)
{
    private const char Replacement = '\uFFFD';

    private readonly List<int> tokens = [];
    private int prefixStart;
    private int readStart;

    public string Push(int token)
    {
        tokens.Add(token);
        var prefix = Decode(prefixStart, readStart);
        var text = Decode(prefixStart, tokens.Count);
        if (text.Length <= prefix.Length || text[^1] == Replacement)
        {
            return string.Empty;
        }

        prefixStart = readStart;
        readStart = tokens.Count;
        return text[prefix.Length..];
    }

    /// <summary>Whatever is still held back at the end, less a trailing incomplete character.</summary>
    public string Flush()
    {
        var prefix = Decode(prefixStart, readStart);
        var text = Decode(prefixStart, tokens.Count).TrimEnd(Replacement);
        prefixStart = readStart = tokens.Count;
        return text.Length > prefix.Length ? text[prefix.Length..] : string.Empty;
    }

    private string Decode(int start, int end) =>
        start == end ? string.Empty : decode(tokens.GetRange(start, end - start));
}
