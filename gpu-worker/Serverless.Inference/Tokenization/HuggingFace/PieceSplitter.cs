using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Turns matched and unmatched stretches of a piece into new pieces, per <see cref="SplitBehavior"/> (the Rust <c>NormalizedString::split</c>).</summary>
internal static class PieceSplitter
{
    public static void Split(PreToken piece, List<(int Start, int End, bool IsMatch)> cuts, SplitBehavior behavior, List<PreToken> output)
    {
        var spans = new List<(int Start, int End, bool Remove)>(cuts.Count);
        var previousMatch = false;
        switch (behavior)
        {
            case SplitBehavior.Isolated:
                spans.AddRange(cuts.Select(c => (c.Start, c.End, false)));
                break;
            case SplitBehavior.Removed:
                spans.AddRange(cuts);
                break;
            case SplitBehavior.Contiguous:
                foreach (var (start, end, isMatch) in cuts)
                {
                    if (isMatch == previousMatch && spans.Count > 0)
                    {
                        spans[^1] = (spans[^1].Start, end, false);
                    }
                    else
                    {
                        spans.Add((start, end, false));
                    }

                    previousMatch = isMatch;
                }

                break;
            case SplitBehavior.MergedWithPrevious:
                foreach (var (start, end, isMatch) in cuts)
                {
                    if (isMatch && !previousMatch && spans.Count > 0)
                    {
                        spans[^1] = (spans[^1].Start, end, false);
                    }
                    else
                    {
                        spans.Add((start, end, false));
                    }

                    previousMatch = isMatch;
                }

                break;
            case SplitBehavior.MergedWithNext:
                for (var i = cuts.Count - 1; i >= 0; i--)
                {
                    var (start, end, isMatch) = cuts[i];
                    if (isMatch && !previousMatch && spans.Count > 0)
                    {
                        spans[^1] = (start, spans[^1].End, false);
                    }
                    else
                    {
                        spans.Add((start, end, false));
                    }

                    previousMatch = isMatch;
                }

                spans.Reverse();
                break;
        }

        foreach (var (start, end, remove) in spans)
        {
            if (!remove && end > start)
            {
                output.Add(new PreToken(piece.Text[start..end], piece.AtOrigin && start == 0));
            }
        }
    }

    /// <summary>The cuts of a per-character predicate (the Rust <c>Fn(char) -> bool</c> pattern): each matching character alone.</summary>
    public static List<(int Start, int End, bool IsMatch)> CutWhere(string text, Func<Rune, bool> isMatch)
    {
        var cuts = new List<(int, int, bool)>();
        var last = 0;
        for (var i = 0; i < text.Length;)
        {
            var rune = UnicodeChars.RuneAt(text, i, out var length);
            if (isMatch(rune))
            {
                if (last < i)
                {
                    cuts.Add((last, i, false));
                }

                cuts.Add((i, i + length, true));
                last = i + length;
            }

            i += length;
        }

        if (last < text.Length)
        {
            cuts.Add((last, text.Length, false));
        }

        return cuts;
    }
}
