namespace Serverless.Inference.Chat.Jinja;

/// <summary>Primary expressions: names, literals, parenthesised tuples, lists and dicts.</summary>
internal sealed partial class JinjaParser
{
    private JinjaExpr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case JinjaTokenKind.Name:
                Next();
                return token.Value switch
                {
                    "true" or "True" => new ConstExpr(token.Line, true),
                    "false" or "False" => new ConstExpr(token.Line, false),
                    "none" or "None" => new ConstExpr(token.Line, null),
                    _ => new NameExpr(token.Line, token.Value),
                };
            case JinjaTokenKind.String:
                // Adjacent literals join, as in Python: 'a' 'b' is 'ab'.
                var text = (string)Next().Literal!;
                while (Current.Kind == JinjaTokenKind.String)
                {
                    text += (string)Next().Literal!;
                }

                return new ConstExpr(token.Line, text);
            case JinjaTokenKind.Integer or JinjaTokenKind.Float:
                return new ConstExpr(Next().Line, token.Literal);
            case JinjaTokenKind.Operator when token.Value == "(":
                Next();
                var inner = ParseTuple(explicitParentheses: true);
                Expect(JinjaTokenKind.Operator, ")");
                return inner;
            case JinjaTokenKind.Operator when token.Value == "[":
                return ParseList();
            case JinjaTokenKind.Operator when token.Value == "{":
                return ParseDict();
            default:
                throw Fail($"unexpected '{token.Describe()}'", token);
        }
    }

    /// <summary>Comma-separated expressions: a tuple if there is a comma, the lone expression otherwise.</summary>
    private JinjaExpr ParseTuple(bool simplified = false, bool withCondexpr = true, string? extraEnd = null, bool explicitParentheses = false)
    {
        var line = Current.Line;
        var items = new List<JinjaExpr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",");
            }

            if (IsTupleEnd(extraEnd))
            {
                break;
            }

            items.Add(simplified ? ParsePrimary() : ParseExpression(withCondexpr));
            if (!Current.IsOperator(","))
            {
                break;
            }

            isTuple = true;
        }

        if (!isTuple)
        {
            if (items.Count > 0)
            {
                return items[0];
            }

            if (!explicitParentheses)
            {
                throw Fail($"Expected an expression, got '{Current.Describe()}'", Current);
            }
        }

        return new ListExpr(line, items, IsTuple: true);
    }

    private bool IsTupleEnd(string? extraEnd) =>
        Current.Kind is JinjaTokenKind.VariableEnd or JinjaTokenKind.BlockEnd
        || Current.IsOperator(")")
        || (extraEnd is not null && Current.IsName(extraEnd));

    private ListExpr ParseList()
    {
        var line = Next().Line;
        var items = new List<JinjaExpr>();
        while (!Current.IsOperator("]"))
        {
            if (items.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",");
                if (Current.IsOperator("]"))
                {
                    break;
                }
            }

            items.Add(ParseExpression());
        }

        Expect(JinjaTokenKind.Operator, "]");
        return new ListExpr(line, items, IsTuple: false);
    }

    private DictExpr ParseDict()
    {
        var line = Next().Line;
        var keys = new List<JinjaExpr>();
        var values = new List<JinjaExpr>();
        while (!Current.IsOperator("}"))
        {
            if (keys.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",");
                if (Current.IsOperator("}"))
                {
                    break;
                }
            }

            keys.Add(ParseExpression());
            Expect(JinjaTokenKind.Operator, ":");
            values.Add(ParseExpression());
        }

        Expect(JinjaTokenKind.Operator, "}");
        return new DictExpr(line, keys, values);
    }
}
