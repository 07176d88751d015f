namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's <c>split</c>, <c>rsplit</c>, <c>splitlines</c>, <c>replace</c> and <c>count</c>, edge cases included.</summary>
internal static partial class PyStrings
{
    private static readonly char[] LineBreaks = ['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'];

    public static List<string> Split(string text, string? separator, long maxSplit)
    {
        if (separator is not null)
        {
            return SplitOn(text, separator, maxSplit);
        }

        var parts = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return parts;
            }

            if (maxSplit >= 0 && parts.Count >= maxSplit)
            {
                // What is left after the last allowed split keeps its trailing whitespace, as in Python.
                parts.Add(text[i..]);
                return parts;
            }

            var start = i;
            while (i < text.Length && !IsSpace(text[i]))
            {
                i++;
            }

            parts.Add(text[start..i]);
        }
    }

    public static List<string> RSplit(string text, string? separator, long maxSplit)
    {
        if (separator is not null)
        {
            var reversed = SplitOn(Reverse(text), Reverse(separator), maxSplit);
            reversed.Reverse();
            return [.. reversed.Select(Reverse)];
        }

        var parts = new List<string>();
        var i = text.Length;
        while (true)
        {
            while (i > 0 && IsSpace(text[i - 1]))
            {
                i--;
            }

            if (i <= 0)
            {
                break;
            }

            if (maxSplit >= 0 && parts.Count >= maxSplit)
            {
                parts.Add(text[..i]);
                break;
            }

            var end = i;
            while (i > 0 && !IsSpace(text[i - 1]))
            {
                i--;
            }

            parts.Add(text[i..end]);
        }

        parts.Reverse();
        return parts;
    }

    private static List<string> SplitOn(string text, string separator, long maxSplit)
    {
        if (separator.Length == 0)
        {
            throw new JinjaException(JinjaErrorKind.Runtime, "empty separator");
        }

        var parts = new List<string>();
        var start = 0;
        while (maxSplit < 0 || parts.Count < maxSplit)
        {
            var at = text.IndexOf(separator, start, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            parts.Add(text[start..at]);
            start = at + separator.Length;
        }

        parts.Add(text[start..]);
        return parts;
    }

    public static string Reverse(string text)
    {
        if (HasSurrogates(text))
        {
            return string.Concat(CodePoints(text).Reverse());
        }

        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    public static List<string> SplitLines(string text, bool keepEnds)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var at = text.IndexOfAny(LineBreaks, start);
            if (at < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            var end = text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? at + 2 : at + 1;
            lines.Add(keepEnds ? text[start..end] : text[start..at]);
            start = end;
        }

        return lines;
    }

    /// <summary>Python's <c>str.replace</c>; an empty <paramref name="old"/> inserts between every character.</summary>
    public static string Replace(string text, string old, string replacement, long count, JinjaBudget budget)
    {
        var result = new JinjaText(budget);
        if (old.Length == 0)
        {
            var points = CodePoints(text);
            var inserted = 0L;
            for (var i = 0; i <= points.Count; i++)
            {
                if (count < 0 || inserted < count)
                {
                    result.Append(replacement);
                    inserted++;
                }

                if (i < points.Count)
                {
                    result.Append(points[i]);
                }
            }

            return result.ToString();
        }

        var start = 0;
        var replaced = 0L;
        while (count < 0 || replaced < count)
        {
            var at = text.IndexOf(old, start, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            result.Append(text[start..at]).Append(replacement);
            start = at + old.Length;
            replaced++;
        }

        return result.Append(text[start..]).ToString();
    }

    /// <summary>Python's <c>str.count</c>: non-overlapping occurrences; an empty needle counts every gap.</summary>
    public static long Count(string text, string needle)
    {
        if (needle.Length == 0)
        {
            return Length(text) + 1;
        }

        var count = 0L;
        for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
