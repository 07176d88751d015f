namespace Serverless.Inference.Chat.Jinja;

/// <summary>Comments, raw blocks and block ends, with jinja2's rules for the whitespace around them.</summary>
internal sealed partial class JinjaLexer
{
    private void SkipComment(int start)
    {
        // The earliest "+#}", "-#}" (eating the whitespace after it) or "#}" (eating one newline) closes the comment.
        for (var i = pos; i < source.Length; i++)
        {
            if (source[i] is '+' or '-' && string.CompareOrdinal(source, i + 1, "#}", 0, 2) == 0)
            {
                pos = source[i] == '+' ? i + 3 : SkipSpace(i + 3);
                lineStarting = source[pos - 1] == '\n';
                return;
            }

            if (string.CompareOrdinal(source, i, "#}", 0, 2) == 0)
            {
                pos = i + 2 < source.Length && source[i + 2] == '\n' ? i + 3 : i + 2;
                lineStarting = source[pos - 1] == '\n';
                return;
            }
        }

        throw Error("Missing end of comment tag", start);
    }

    private bool TryMatchRawBegin(int start, out int end, out char sign)
    {
        // {%(-|+|)\s*raw\s*(-%}\s*|%}) : no trim_blocks after it, as in jinja2.
        end = 0;
        var i = start + 2;
        sign = i < source.Length && source[i] is '-' or '+' ? source[i++] : '\0';
        i = SkipSpace(i);
        if (string.CompareOrdinal(source, i, "raw", 0, 3) != 0)
        {
            return false;
        }

        i = SkipSpace(i + 3);
        if (string.CompareOrdinal(source, i, "-%}", 0, 3) == 0)
        {
            end = SkipSpace(i + 3);
            return true;
        }

        if (string.CompareOrdinal(source, i, "%}", 0, 2) == 0)
        {
            end = i + 2;
            return true;
        }

        return false;
    }

    private void LexRaw()
    {
        for (var i = source.IndexOf("{%", pos, StringComparison.Ordinal); i >= 0; i = source.IndexOf("{%", i + 1, StringComparison.Ordinal))
        {
            var j = i + 2;
            var sign = j < source.Length && source[j] is '-' or '+' ? source[j++] : '\0';
            j = SkipSpace(j);
            if (string.CompareOrdinal(source, j, "endraw", 0, 6) != 0)
            {
                continue;
            }

            var end = MatchBlockEnd(SkipSpace(j + 6));
            if (end < 0)
            {
                continue;
            }

            AddText(pos, StripBeforeTag(source[pos..i], sign, isVariable: false));
            pos = end;
            lineStarting = source[end - 1] == '\n';
            return;
        }

        throw Error("Missing end of raw directive", pos);
    }

    /// <summary>Where <c>+%}</c>, <c>-%}</c> plus whitespace, or <c>%}</c> plus one newline ends at <paramref name="i"/>, or -1.</summary>
    private int MatchBlockEnd(int i)
    {
        if (i < source.Length && source[i] is '+' or '-' && string.CompareOrdinal(source, i + 1, "%}", 0, 2) == 0)
        {
            return source[i] == '+' ? i + 3 : SkipSpace(i + 3);
        }

        if (string.CompareOrdinal(source, i, "%}", 0, 2) == 0)
        {
            return i + 2 < source.Length && source[i + 2] == '\n' ? i + 3 : i + 2;
        }

        return -1;
    }
}
