namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// Splits a template into text and tag tokens the way jinja2's lexer does with <c>trim_blocks</c> and
/// <c>lstrip_blocks</c> on: <c>-</c> strips all whitespace on that side, <c>+</c> keeps it, a block or comment
/// alone on its line loses the indentation before it and the newline after it.
/// </summary>
internal sealed partial class JinjaLexer
{
    private readonly string source;
    private readonly int[] lineStarts;
    private readonly List<JinjaToken> tokens = [];
    private int pos;

    // Whether the last match ended a line, which lets lstrip_blocks strip a tag's indentation at the very start.
    private bool lineStarting = true;

    private JinjaLexer(string source)
    {
        this.source = source;
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        lineStarts = [.. starts];
    }

    public static IReadOnlyList<JinjaToken> Tokenize(string source)
    {
        var lexer = new JinjaLexer(Normalize(source));
        lexer.LexRoot();
        return lexer.tokens;
    }

    /// <summary>Line breaks become <c>\n</c> and one trailing newline goes, as jinja2 does without <c>keep_trailing_newline</c>.</summary>
    private static string Normalize(string source)
    {
        var text = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    private void LexRoot()
    {
        while (pos < source.Length)
        {
            var start = FindTagStart(pos);
            if (start < 0)
            {
                AddText(pos, source[pos..]);
                pos = source.Length;
                break;
            }

            var text = source[pos..start];
            var kind = source[start + 1];
            if (kind == '%' && TryMatchRawBegin(start, out var rawEnd, out var rawSign))
            {
                AddText(pos, StripBeforeTag(text, rawSign, isVariable: false));
                pos = rawEnd;
                lineStarting = source[rawEnd - 1] == '\n';
                LexRaw();
                continue;
            }

            var sign = start + 2 < source.Length && source[start + 2] is '-' or '+' ? source[start + 2] : '\0';
            AddText(pos, StripBeforeTag(text, sign, isVariable: kind == '{'));
            pos = start + 2 + (sign == '\0' ? 0 : 1);
            lineStarting = false;
            switch (kind)
            {
                case '#':
                    SkipComment(start);
                    break;
                case '{':
                    Add(JinjaTokenKind.VariableBegin, "{{", start);
                    LexTag(isBlock: false);
                    break;
                default:
                    Add(JinjaTokenKind.BlockBegin, "{%", start);
                    LexTag(isBlock: true);
                    break;
            }
        }

        Add(JinjaTokenKind.End, "", source.Length);
    }

    private int FindTagStart(int from)
    {
        for (var i = source.IndexOf('{', from); i >= 0 && i + 1 < source.Length; i = source.IndexOf('{', i + 1))
        {
            if (source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>jinja2's OptionalLStrip: <c>-</c> strips all trailing whitespace; otherwise lstrip_blocks strips a block's indentation.</summary>
    private string StripBeforeTag(string text, char sign, bool isVariable)
    {
        if (sign == '-')
        {
            return PyStrings.RStrip(text, null);
        }

        if (sign == '+' || isVariable)
        {
            return text;
        }

        var lineStart = text.LastIndexOf('\n') + 1;
        if ((lineStart > 0 || lineStarting) && lineStart < text.Length && PyStrings.IsAllSpace(text, lineStart))
        {
            return text[..lineStart];
        }

        return text;
    }

    private int SkipSpace(int i)
    {
        while (i < source.Length && PyStrings.IsSpace(source[i]))
        {
            i++;
        }

        return i;
    }

    private void AddText(int at, string text)
    {
        if (text.Length > 0)
        {
            Add(JinjaTokenKind.Text, text, at);
        }
    }

    private void Add(JinjaTokenKind kind, string value, int at, object? literal = null)
    {
        var (line, column) = Position(at);
        tokens.Add(new JinjaToken(kind, value, line, column, literal));
    }

    private (int Line, int Column) Position(int at)
    {
        var index = Array.BinarySearch(lineStarts, at);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, at - lineStarts[line] + 1);
    }

    private JinjaException Error(string message, int at)
    {
        var (line, column) = Position(Math.Min(at, source.Length));
        return new JinjaException(JinjaErrorKind.Syntax, message, line, column);
    }
}
