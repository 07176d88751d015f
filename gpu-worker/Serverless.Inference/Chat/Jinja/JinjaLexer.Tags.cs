namespace Serverless.Inference.Chat.Jinja;

/// <summary>The inside of <c>{{ }}</c> and <c>{% %}</c>: names, literals and operators.</summary>
internal sealed partial class JinjaLexer
{
    // Longest first, as jinja2's operator regex is ordered.
    private static readonly string[] Operators =
    [
        "**", "//", "==", "!=", ">=", "<=",
        "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", "=", "<", ">", ".", ":", "|", ",", ";",
    ];

    private void LexTag(bool isBlock)
    {
        var open = new Stack<(char Close, int At)>();
        while (true)
        {
            if (pos >= source.Length)
            {
                throw Error($"Unexpected end of template, expected '{(isBlock ? "%}" : "}}")}'", pos);
            }

            // An end delimiter only counts with brackets balanced, so {{ {'a': {'b': 1}} }} lexes.
            if (open.Count == 0)
            {
                var end = isBlock ? MatchBlockEnd(pos) : MatchVariableEnd(pos);
                if (end >= 0)
                {
                    Add(isBlock ? JinjaTokenKind.BlockEnd : JinjaTokenKind.VariableEnd, isBlock ? "%}" : "}}", pos);
                    pos = end;
                    lineStarting = source[end - 1] == '\n';
                    return;
                }
            }

            var c = source[pos];
            if (PyStrings.IsSpace(c))
            {
                pos = SkipSpace(pos);
            }
            else if (char.IsAsciiDigit(c))
            {
                LexNumber();
            }
            else if (c == '_' || char.IsLetter(c))
            {
                var start = pos;
                while (pos < source.Length && (source[pos] == '_' || char.IsLetterOrDigit(source[pos])))
                {
                    pos++;
                }

                Add(JinjaTokenKind.Name, source[start..pos], start);
            }
            else if (c is '\'' or '"')
            {
                LexString(c);
            }
            else
            {
                LexOperator(open);
            }
        }
    }

    private int MatchVariableEnd(int i)
    {
        if (i < source.Length && source[i] == '-' && string.CompareOrdinal(source, i + 1, "}}", 0, 2) == 0)
        {
            return SkipSpace(i + 3);
        }

        return string.CompareOrdinal(source, i, "}}", 0, 2) == 0 ? i + 2 : -1;
    }

    private void LexOperator(Stack<(char Close, int At)> open)
    {
        var op = Array.Find(Operators, o => string.CompareOrdinal(source, pos, o, 0, o.Length) == 0)
            ?? throw Error($"unexpected char '{source[pos]}' at {pos}", pos);
        switch (op)
        {
            case "(":
                open.Push((')', pos));
                break;
            case "[":
                open.Push((']', pos));
                break;
            case "{":
                open.Push(('}', pos));
                break;
            case ")" or "]" or "}":
                if (open.Count == 0)
                {
                    throw Error($"unexpected '{op}'", pos);
                }

                var expected = open.Pop().Close;
                if (expected != op[0])
                {
                    throw Error($"unexpected '{op}', expected '{expected}'", pos);
                }

                break;
        }

        Add(JinjaTokenKind.Operator, op, pos);
        pos += op.Length;
    }
}
