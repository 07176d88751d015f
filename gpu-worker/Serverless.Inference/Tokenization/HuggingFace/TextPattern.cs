namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>What Split, Replace and the Replace decoder look for: a literal string or a regular expression.</summary>
internal abstract class TextPattern
{
    /// <summary>Non-overlapping matches, left to right, as (start, end) UTF-16 offsets.</summary>
    public abstract List<(int Start, int End)> FindMatches(string text);

    /// <summary>
    /// The whole text cut into matched and unmatched stretches, in order (the Rust <c>Pattern::find_matches</c>);
    /// <paramref name="invert"/> swaps which is which.
    /// </summary>
    public List<(int Start, int End, bool IsMatch)> Cut(string text, bool invert = false)
    {
        var cuts = new List<(int, int, bool)>();
        if (text.Length == 0)
        {
            cuts.Add((0, 0, invert));
            return cuts;
        }

        var previous = 0;
        foreach (var (start, end) in FindMatches(text))
        {
            if (previous != start)
            {
                cuts.Add((previous, start, invert));
            }

            cuts.Add((start, end, !invert));
            previous = end;
        }

        if (previous != text.Length)
        {
            cuts.Add((previous, text.Length, invert));
        }

        return cuts;
    }

    /// <summary>Every match replaced by <paramref name="content"/>, taken literally.</summary>
    public string Replace(string text, string content)
    {
        var matches = FindMatches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + (matches.Count * content.Length));
        var previous = 0;
        foreach (var (start, end) in matches)
        {
            builder.Append(text, previous, start - previous).Append(content);
            previous = end;
        }

        return builder.Append(text, previous, text.Length - previous).ToString();
    }
}
