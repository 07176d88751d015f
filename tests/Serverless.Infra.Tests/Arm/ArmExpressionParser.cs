using System.Globalization;
using System.Text;

namespace Serverless.Infra.Tests.Arm;

/// <summary>Parses template language expressions: literals, calls, <c>.member</c> and <c>[index]</c>.</summary>
internal sealed class ArmExpressionParser
{
    private readonly string text;
    private int position;

    private ArmExpressionParser(string text) => this.text = text;

    /// <summary>Whether a JSON string is an expression (<c>[...]</c>) rather than a literal (<c>[[...</c> escapes one).</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && value[1] != '[';

    /// <summary>Parses the expression inside <c>[...]</c>.</summary>
    public static ArmExpression Parse(string value)
    {
        var parser = new ArmExpressionParser(value[1..^1]);
        var expression = parser.ParseExpression();
        parser.SkipSpaces();
        if (parser.position != parser.text.Length)
        {
            throw parser.Error("unexpected text");
        }

        return expression;
    }

    private ArmExpression ParseExpression()
    {
        var expression = ParsePrimary();
        while (true)
        {
            SkipSpaces();
            if (TryTake('.'))
            {
                expression = new ArmExpression.Member(expression, ParseIdentifier());
            }
            else if (TryTake('['))
            {
                var key = ParseExpression();
                Expect(']');
                expression = new ArmExpression.Index(expression, key);
            }
            else
            {
                return expression;
            }
        }
    }

    private ArmExpression ParsePrimary()
    {
        SkipSpaces();
        if (position >= text.Length)
        {
            throw Error("expression expected");
        }

        var c = text[position];
        if (c == '\'')
        {
            return new ArmExpression.Literal(ParseString());
        }

        if (char.IsAsciiDigit(c) || c == '-')
        {
            var start = position++;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            return new ArmExpression.Literal(long.Parse(text.AsSpan(start, position - start), CultureInfo.InvariantCulture));
        }

        var name = ParseIdentifier();
        SkipSpaces();
        if (TryTake('.'))
        {
            name += "." + ParseIdentifier(); // a user-defined function: namespace.name(...)
            SkipSpaces();
        }

        Expect('(');
        var arguments = new List<ArmExpression>();
        SkipSpaces();
        if (!TryTake(')'))
        {
            do
            {
                arguments.Add(ParseExpression());
                SkipSpaces();
            }
            while (TryTake(','));
            Expect(')');
        }

        return new ArmExpression.Call(name, arguments);
    }

    private string ParseString()
    {
        var value = new StringBuilder();
        position++; // the opening quote
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error("unterminated string");
            }

            if (text[position] == '\'')
            {
                if (position + 1 < text.Length && text[position + 1] == '\'')
                {
                    value.Append('\'');
                    position += 2;
                    continue;
                }

                position++;
                return value.ToString();
            }

            value.Append(text[position++]);
        }
    }

    private string ParseIdentifier()
    {
        SkipSpaces();
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '$'))
        {
            position++;
        }

        return position > start ? text[start..position] : throw Error("identifier expected");
    }

    private void SkipSpaces()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private bool TryTake(char c)
    {
        if (position < text.Length && text[position] == c)
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (!TryTake(c))
        {
            throw Error($"'{c}' expected");
        }
    }

    private FormatException Error(string problem) => new($"Expression [{text}]: {problem} at {position}.");
}
