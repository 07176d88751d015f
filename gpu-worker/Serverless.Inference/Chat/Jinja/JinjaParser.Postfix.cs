namespace Serverless.Inference.Chat.Jinja;

/// <summary>What follows a primary expression: attributes, subscripts, slices, calls, filters and tests.</summary>
internal sealed partial class JinjaParser
{
    private JinjaExpr ParsePostfix(JinjaExpr node)
    {
        while (true)
        {
            if (Current.IsOperator(".") || Current.IsOperator("["))
            {
                node = ParseSubscript(node);
            }
            else if (Current.IsOperator("("))
            {
                node = new CallExpr(Current.Line, node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }

    private JinjaExpr ParseFilterExpr(JinjaExpr node)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                node = ParseFilter(node)!;
            }
            else if (Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (Current.IsOperator("("))
            {
                node = new CallExpr(Current.Line, node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }

    private JinjaExpr ParseSubscript(JinjaExpr node)
    {
        var token = Next();
        if (token.IsOperator("."))
        {
            var attribute = Next();
            return attribute.Kind switch
            {
                JinjaTokenKind.Name => new AttrExpr(token.Line, node, attribute.Value),
                JinjaTokenKind.Integer => new ItemExpr(token.Line, node, new ConstExpr(attribute.Line, attribute.Literal)),
                _ => throw Fail("expected name or number", attribute),
            };
        }

        var keys = new List<JinjaExpr>();
        while (!Current.IsOperator("]"))
        {
            if (keys.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",");
            }

            keys.Add(ParseSubscribed());
        }

        Expect(JinjaTokenKind.Operator, "]");
        return new ItemExpr(token.Line, node, keys.Count == 1 ? keys[0] : new ListExpr(token.Line, keys, IsTuple: true));
    }

    private JinjaExpr ParseSubscribed()
    {
        var line = Current.Line;
        JinjaExpr? start = null;
        if (!Current.IsOperator(":"))
        {
            start = ParseExpression();
            if (!Current.IsOperator(":"))
            {
                return start;
            }
        }

        Next();
        var stop = Current.IsOperator(":") || Current.IsOperator("]") || Current.IsOperator(",") ? null : ParseExpression();
        JinjaExpr? step = null;
        if (SkipOperator(":") && !Current.IsOperator("]") && !Current.IsOperator(","))
        {
            step = ParseExpression();
        }

        return new SliceExpr(line, start, stop, step);
    }

    private CallArgs ParseCallArgs()
    {
        var open = Expect(JinjaTokenKind.Operator, "(");
        var positional = new List<JinjaExpr>();
        var named = new List<KeyValuePair<string, JinjaExpr>>();
        var first = true;
        while (!Current.IsOperator(")"))
        {
            if (!first)
            {
                Expect(JinjaTokenKind.Operator, ",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }

            first = false;
            if (Current.IsOperator("*") || Current.IsOperator("**"))
            {
                throw Fail("*args and **kwargs in calls are not supported", Current);
            }

            if (Current.Kind == JinjaTokenKind.Name && Peek.IsOperator("="))
            {
                var name = Next().Value;
                Next();
                named.Add(new(name, ParseExpression()));
            }
            else
            {
                if (named.Count > 0)
                {
                    throw Fail("invalid syntax for function call expression", open);
                }

                positional.Add(ParseExpression());
            }
        }

        Expect(JinjaTokenKind.Operator, ")");
        return new CallArgs(positional, named);
    }

    /// <summary>One or more <c>| name(args)</c> applied to <paramref name="node"/> (null for a block's body).</summary>
    private JinjaExpr? ParseFilter(JinjaExpr? node, bool startInline = false)
    {
        while (Current.IsOperator("|") || startInline)
        {
            if (!startInline)
            {
                Next();
            }

            startInline = false;
            var token = Expect(JinjaTokenKind.Name);
            var name = DottedName(token.Value);
            if (!JinjaFilters.Exists(name))
            {
                throw Fail(JinjaFilters.IsUnsupported(name) ? $"the '{name}' filter is not supported" : $"No filter named '{name}'.", token);
            }

            node = new FilterExpr(token.Line, node, name, Current.IsOperator("(") ? ParseCallArgs() : CallArgs.None);
        }

        return node;
    }

    private JinjaExpr ParseTest(JinjaExpr node)
    {
        var line = Next().Line;
        var negated = SkipName("not");
        var token = Expect(JinjaTokenKind.Name);
        var name = DottedName(token.Value);
        if (!JinjaTests.Exists(name))
        {
            throw Fail($"No test named '{name}'.", token);
        }

        CallArgs args;
        if (Current.IsOperator("("))
        {
            args = ParseCallArgs();
        }
        else if (TakesBareArgument())
        {
            // jinja2 allows one argument without parentheses: "x is divisibleby 3", "x is sameas false".
            if (Current.IsName("is"))
            {
                throw Fail("You cannot chain multiple tests with is", Current);
            }

            args = new CallArgs([ParsePostfix(ParsePrimary())], []);
        }
        else
        {
            args = CallArgs.None;
        }

        JinjaExpr test = new TestExpr(line, node, name, args);
        return negated ? new UnaryExpr(line, "not", test) : test;
    }

    private bool TakesBareArgument() =>
        (Current.Kind is JinjaTokenKind.Name or JinjaTokenKind.String or JinjaTokenKind.Integer or JinjaTokenKind.Float
            || Current.IsOperator("(") || Current.IsOperator("[") || Current.IsOperator("{"))
        && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and");

    private string DottedName(string name)
    {
        while (SkipOperator("."))
        {
            name += "." + Expect(JinjaTokenKind.Name).Value;
        }

        return name;
    }
}
