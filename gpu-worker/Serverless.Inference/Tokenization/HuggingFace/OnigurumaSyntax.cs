using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// Rewrites the Oniguruma (Ruby syntax) constructs tokenizer.json patterns use and .NET lacks: possessive
/// quantifiers (<c>\p{L}++</c> becomes the atomic group <c>(?>\p{L}+)</c>), a repeated interval (<c>{2,3}+</c>),
/// <c>\h</c> (a hex digit) and <c>\p{^L}</c>. Everything else is passed on as written.
/// </summary>
internal static partial class OnigurumaSyntax
{
    public static string ToDotNet(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var groups = new Stack<int>();
        var lastAtom = -1;
        for (var i = 0; i < pattern.Length;)
        {
            var c = pattern[i];
            var interval = c == '{' ? Interval().Match(pattern, i) : null;
            if (c is '*' or '+' or '?' || interval is { Success: true })
            {
                var quantifier = interval is { Success: true } ? interval.Value : c.ToString();
                i += quantifier.Length;
                if (quantifier.StartsWith("{,", StringComparison.Ordinal))
                {
                    // Oniguruma reads {,n} as {0,n}; .NET would read it as text.
                    quantifier = "{0" + quantifier[1..];
                }

                var next = i < pattern.Length ? pattern[i] : '\0';
                if (next == '+' && lastAtom >= 0)
                {
                    // `x*+` is possessive in Ruby syntax, except after an interval, where `x{2}+` repeats `x{2}`.
                    var wrapper = c == '{' ? "(?:" : "(?>";
                    output.Insert(lastAtom, wrapper).Append(quantifier).Append(')');
                    if (c == '{')
                    {
                        output.Append('+');
                    }

                    i++;
                }
                else
                {
                    output.Append(quantifier);
                    if (next == '?')
                    {
                        output.Append('?');
                        i++;
                    }
                }

                continue;
            }

            switch (c)
            {
                case '\\':
                    lastAtom = output.Length;
                    i = AppendEscape(pattern, i, output, inClass: false);
                    break;
                case '[':
                    lastAtom = output.Length;
                    i = AppendClass(pattern, i, output);
                    break;
                case '(':
                    groups.Push(output.Length);
                    output.Append('(');
                    i++;
                    if (i < pattern.Length && pattern[i] == '?')
                    {
                        // Copy a group's opening "(?:", "(?i:", "(?<=", "(?<name>" up to its last syntax character.
                        output.Append('?');
                        i++;
                        while (i < pattern.Length && ":=!>)".IndexOf(pattern[i], StringComparison.Ordinal) < 0)
                        {
                            output.Append(pattern[i++]);
                        }

                        if (i < pattern.Length && pattern[i] != ')')
                        {
                            output.Append(pattern[i++]);
                        }
                    }

                    lastAtom = -1;
                    break;
                case ')':
                    lastAtom = groups.Count > 0 ? groups.Pop() : -1;
                    output.Append(')');
                    i++;
                    break;
                case '|':
                    lastAtom = -1;
                    output.Append(c);
                    i++;
                    break;
                default:
                    lastAtom = output.Length;
                    output.Append(c);
                    i++;
                    break;
            }
        }

        return output.ToString();
    }

    private static int AppendEscape(string pattern, int i, StringBuilder output, bool inClass)
    {
        if (i + 1 >= pattern.Length)
        {
            output.Append('\\');
            return i + 1;
        }

        var kind = pattern[i + 1];
        if (kind is 'h' or 'H')
        {
            var digits = inClass ? "0-9a-fA-F" : kind == 'h' ? "[0-9a-fA-F]" : "[^0-9a-fA-F]";
            output.Append(digits);
            return i + 2;
        }

        if (kind is 'p' or 'P' or 'x' or 'k' && i + 2 < pattern.Length && pattern[i + 2] is '{' or '<')
        {
            var close = pattern.IndexOf(pattern[i + 2] == '{' ? '}' : '>', i + 2);
            var end = close < 0 ? pattern.Length : close + 1;
            var escape = pattern[i..end];
            if (escape.StartsWith(@"\p{^", StringComparison.Ordinal) || escape.StartsWith(@"\P{^", StringComparison.Ordinal))
            {
                // Oniguruma negates a property with ^ inside the braces; .NET with the capital letter.
                escape = (kind == 'p' ? @"\P{" : @"\p{") + escape[4..];
            }

            output.Append(escape);
            return end;
        }

        output.Append(pattern, i, 2);
        return i + 2;
    }

    private static int AppendClass(string pattern, int i, StringBuilder output)
    {
        output.Append('[');
        i++;
        if (i < pattern.Length && pattern[i] == '^')
        {
            output.Append('^');
            i++;
        }

        // A ']' first in a class is a literal in both dialects.
        if (i < pattern.Length && pattern[i] == ']')
        {
            output.Append(']');
            i++;
        }

        while (i < pattern.Length && pattern[i] != ']')
        {
            if (pattern[i] == '\\')
            {
                i = AppendEscape(pattern, i, output, inClass: true);
            }
            else
            {
                output.Append(pattern[i++]);
            }
        }

        if (i < pattern.Length)
        {
            output.Append(']');
            i++;
        }

        return i;
    }

    [GeneratedRegex(@"\G\{(?:[0-9]+(?:,[0-9]*)?|,[0-9]+)\}")]
    private static partial Regex Interval();
}
