namespace Serverless.Inference.Chat.Jinja;

/// <summary>The statements: for, if, set, macro, with, filter, print, break, continue and generation.</summary>
internal sealed partial class JinjaParser
{
    private JinjaNode ParseStatement()
    {
        var token = Current;
        if (token.Kind != JinjaTokenKind.Name)
        {
            throw Fail("tag name expected", token);
        }

        if (UnsupportedTags.Contains(token.Value))
        {
            throw Fail($"the '{token.Value}' tag is not supported in chat templates", token);
        }

        tagStack.Add(token.Value);
        try
        {
            return token.Value switch
            {
                "for" => ParseFor(),
                "if" => ParseIf(),
                "set" => ParseSet(),
                "macro" => ParseMacro(),
                "with" => ParseWith(),
                "filter" => ParseFilterBlock(),
                "print" => ParsePrint(),
                "break" or "continue" => ParseLoopControl(),
                "generation" => new ScopeNode(Next().Line, OutsideLoop(() => ParseStatements(["endgeneration"], dropNeedle: true))),
                _ => throw UnknownTag(token),
            };
        }
        finally
        {
            tagStack.RemoveAt(tagStack.Count - 1);
        }
    }

    private JinjaException UnknownTag(JinjaToken token)
    {
        tagStack.RemoveAt(tagStack.Count - 1);
        var error = UnknownTagOrEnd(token.Value, token);
        tagStack.Add(token.Value);
        return error;
    }

    private ForNode ParseFor()
    {
        var line = Next().Line;
        var target = ParseAssignTarget(extraEnd: "in");
        Expect(JinjaTokenKind.Name, "in");
        var iterable = ParseTuple(withCondexpr: false, extraEnd: "recursive");
        var filter = SkipName("if") ? ParseExpression() : null;
        if (Current.IsName("recursive"))
        {
            throw Fail("recursive loops are not supported", Current);
        }

        loopDepth++;
        var body = ParseStatements(["endfor", "else"]);
        loopDepth--;

        // The else branch runs outside the loop, so break and continue keep their meaning from around the loop.
        var elseBody = Next().Value == "endfor" ? [] : ParseStatements(["endfor"], dropNeedle: true);
        return new ForNode(line, target, iterable, filter, body, elseBody);
    }

    /// <summary>An if with its elif branches, each elif becoming an if in the else branch of the one before.</summary>
    private IfNode ParseIf()
    {
        // Read in a loop, not recursively, so a long elif chain does not count as nesting.
        var branches = new List<(int Line, JinjaExpr Test, List<JinjaNode> Body)>();
        List<JinjaNode> elseBody = [];
        var token = Next();
        while (true)
        {
            var test = ParseTuple(withCondexpr: false);
            branches.Add((token.Line, test, ParseStatements(["elif", "else", "endif"])));
            token = Next();
            if (token.Value == "else")
            {
                elseBody = ParseStatements(["endif"], dropNeedle: true);
            }

            if (token.Value != "elif")
            {
                break;
            }
        }

        for (var i = branches.Count - 1; i > 0; i--)
        {
            elseBody = [new IfNode(branches[i].Line, branches[i].Test, branches[i].Body, elseBody)];
        }

        return new IfNode(branches[0].Line, branches[0].Test, branches[0].Body, elseBody);
    }

    private JinjaNode ParseSet()
    {
        var line = Next().Line;
        var target = ParseAssignTarget(withNamespace: true);
        if (SkipOperator("="))
        {
            return new SetNode(line, target, ParseTuple());
        }

        var filter = (FilterExpr?)ParseFilter(null);
        return new SetBlockNode(line, target, filter, ParseStatements(["endset"], dropNeedle: true));
    }

    private MacroNode ParseMacro()
    {
        var line = Next().Line;
        var name = Expect(JinjaTokenKind.Name).Value;
        var parameters = new List<string>();
        var defaults = new List<JinjaExpr?>();
        Expect(JinjaTokenKind.Operator, "(");
        while (!Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",");
            }

            parameters.Add(Expect(JinjaTokenKind.Name).Value);
            if (SkipOperator("="))
            {
                defaults.Add(ParseExpression());
            }
            else if (defaults.Any(d => d is not null))
            {
                throw Fail("non-default argument follows default argument", Current);
            }
            else
            {
                defaults.Add(null);
            }
        }

        Expect(JinjaTokenKind.Operator, ")");
        var body = OutsideLoop(() => ParseStatements(["endmacro"], dropNeedle: true));
        return new MacroNode(line, name, parameters, defaults, body);
    }

    private WithNode ParseWith()
    {
        var line = Next().Line;
        var targets = new List<JinjaExpr>();
        var values = new List<JinjaExpr>();
        while (Current.Kind != JinjaTokenKind.BlockEnd)
        {
            if (targets.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",");
            }

            targets.Add(ParseAssignTarget());
            Expect(JinjaTokenKind.Operator, "=");
            values.Add(ParseExpression());
        }

        return new WithNode(line, targets, values, ParseStatements(["endwith"], dropNeedle: true));
    }

    private FilterBlockNode ParseFilterBlock()
    {
        var line = Next().Line;
        var filter = (FilterExpr)ParseFilter(null, startInline: true)!;
        return new FilterBlockNode(line, filter, ParseStatements(["endfilter"], dropNeedle: true));
    }

    private OutputNode ParsePrint()
    {
        var line = Next().Line;
        var values = new List<JinjaExpr>();
        while (Current.Kind != JinjaTokenKind.BlockEnd)
        {
            if (values.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",");
            }

            values.Add(ParseExpression());
        }

        return new OutputNode(line, values);
    }

    private LoopControlNode ParseLoopControl()
    {
        var token = Next();
        return loopDepth == 0
            ? throw Fail($"'{token.Value}' outside loop", token)
            : new LoopControlNode(token.Line, token.Value == "break");
    }

    /// <summary>Parses a body that jinja2 compiles into its own function, where break and continue cannot reach an outer loop.</summary>
    private T OutsideLoop<T>(Func<T> parse)
    {
        var outer = loopDepth;
        loopDepth = 0;
        try
        {
            return parse();
        }
        finally
        {
            loopDepth = outer;
        }
    }

    private JinjaExpr ParseAssignTarget(string? extraEnd = null, bool withNamespace = false)
    {
        if (withNamespace && Current.Kind == JinjaTokenKind.Name && Peek.IsOperator("."))
        {
            var name = Next();
            Next();
            var attribute = Expect(JinjaTokenKind.Name);
            return new AttrExpr(name.Line, new NameExpr(name.Line, name.Value), attribute.Value);
        }

        var start = Current;
        var target = ParseTuple(simplified: true, extraEnd: extraEnd);
        return CanAssign(target) ? target : throw Fail($"can't assign to '{target.GetType().Name.Replace("Expr", "", StringComparison.Ordinal).ToLowerInvariant()}'", start);
    }

    private static bool CanAssign(JinjaExpr target) => target switch
    {
        NameExpr => true,
        ListExpr { IsTuple: true } tuple => tuple.Items.All(CanAssign),
        _ => false,
    };
}
