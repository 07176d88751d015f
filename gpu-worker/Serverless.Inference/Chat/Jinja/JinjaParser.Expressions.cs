namespace Serverless.Inference.Chat.Jinja;

/// <summary>Expressions, with jinja2's precedence: if-else, or, and, not, comparisons, + -, ~, * / // %, **, unary, postfix, filters.</summary>
internal sealed partial class JinjaParser
{
    private static readonly HashSet<string> CompareOperators = ["==", "!=", "<", "<=", ">", ">="];

    private JinjaExpr ParseExpression(bool withCondexpr = true)
    {
        using var nesting = Nest();
        return withCondexpr ? ParseCondExpr() : ParseOr();
    }

    private JinjaExpr ParseCondExpr()
    {
        var line = Current.Line;
        var expr = ParseOr();
        while (SkipName("if"))
        {
            var test = ParseOr();
            var otherwise = SkipName("else") ? ParseCondExpr() : null;
            expr = new CondExpr(line, test, expr, otherwise);
            line = Current.Line;
        }

        return expr;
    }

    private JinjaExpr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var line = Next().Line;
            left = new BinaryExpr(line, "or", left, ParseAnd());
        }

        return left;
    }

    private JinjaExpr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var line = Next().Line;
            left = new BinaryExpr(line, "and", left, ParseNot());
        }

        return left;
    }

    private JinjaExpr ParseNot()
    {
        if (!Current.IsName("not"))
        {
            return ParseCompare();
        }

        using var nesting = Nest();
        var line = Next().Line;
        return new UnaryExpr(line, "not", ParseNot());
    }

    private JinjaExpr ParseCompare()
    {
        var line = Current.Line;
        var first = ParseMath1();
        var ops = new List<string>();
        var operands = new List<JinjaExpr>();
        while (true)
        {
            if (Current.Kind == JinjaTokenKind.Operator && CompareOperators.Contains(Current.Value))
            {
                ops.Add(Next().Value);
            }
            else if (SkipName("in"))
            {
                ops.Add("in");
            }
            else if (Current.IsName("not") && Peek.IsName("in"))
            {
                Next();
                Next();
                ops.Add("notin");
            }
            else
            {
                break;
            }

            operands.Add(ParseMath1());
        }

        return ops.Count == 0 ? first : new CompareExpr(line, first, ops, operands);
    }

    private JinjaExpr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var op = Next();
            left = new BinaryExpr(op.Line, op.Value, left, ParseConcat());
        }

        return left;
    }

    private JinjaExpr ParseConcat()
    {
        var left = ParseMath2();
        while (Current.IsOperator("~"))
        {
            var op = Next();
            left = new BinaryExpr(op.Line, "~", left, ParseMath2());
        }

        return left;
    }

    private JinjaExpr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind == JinjaTokenKind.Operator && Current.Value is "*" or "/" or "//" or "%")
        {
            var op = Next();
            left = new BinaryExpr(op.Line, op.Value, left, ParsePow());
        }

        return left;
    }

    private JinjaExpr ParsePow()
    {
        // Left-associative, unlike Python: jinja2 reads 2 ** 3 ** 2 as (2 ** 3) ** 2.
        var left = ParseUnary();
        while (Current.IsOperator("**"))
        {
            var op = Next();
            left = new BinaryExpr(op.Line, "**", left, ParseUnary());
        }

        return left;
    }

    private JinjaExpr ParseUnary(bool withFilter = true)
    {
        using var nesting = Nest();
        var token = Current;
        JinjaExpr node;
        if (token.IsOperator("-") || token.IsOperator("+"))
        {
            Next();
            node = new UnaryExpr(token.Line, token.Value, ParseUnary(withFilter: false));
        }
        else
        {
            node = ParsePrimary();
        }

        node = ParsePostfix(node);
        return withFilter ? ParseFilterExpr(node) : node;
    }
}
