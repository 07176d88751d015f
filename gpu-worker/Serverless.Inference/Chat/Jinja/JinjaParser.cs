namespace Serverless.Inference.Chat.Jinja;

/// <summary>Turns tokens into statement and expression nodes, following jinja2's parser rule for rule.</summary>
internal sealed partial class JinjaParser
{
    // Tags jinja2 knows that have no use in a chat template (no loader, no autoescape); named so the error says so.
    private static readonly HashSet<string> UnsupportedTags = ["block", "extends", "include", "import", "from", "call", "autoescape"];

    private readonly IReadOnlyList<JinjaToken> tokens;
    private readonly JinjaLimits limits;
    private readonly List<string> tagStack = [];
    private readonly List<string[]> endTagStack = [];
    private int index;
    private int depth;
    private int loopDepth;

    private JinjaParser(IReadOnlyList<JinjaToken> tokens, JinjaLimits limits)
    {
        this.tokens = tokens;
        this.limits = limits;
    }

    public static IReadOnlyList<JinjaNode> Parse(string source, JinjaLimits limits)
    {
        var parser = new JinjaParser(JinjaLexer.Tokenize(source), limits);
        return parser.Subparse(null);
    }

    private JinjaToken Current => tokens[index];

    private JinjaToken Peek => tokens[Math.Min(index + 1, tokens.Count - 1)];

    private JinjaToken Next()
    {
        var token = tokens[index];
        index = Math.Min(index + 1, tokens.Count - 1);
        return token;
    }

    private List<JinjaNode> Subparse(string[]? endTags)
    {
        using var nesting = Nest();
        var body = new List<JinjaNode>();
        if (endTags is not null)
        {
            endTagStack.Add(endTags);
        }

        try
        {
            while (true)
            {
                var token = Current;
                switch (token.Kind)
                {
                    case JinjaTokenKind.Text:
                        body.Add(new TextNode(token.Line, Next().Value));
                        break;
                    case JinjaTokenKind.VariableBegin:
                        Next();
                        body.Add(new OutputNode(token.Line, [ParseTuple()]));
                        Expect(JinjaTokenKind.VariableEnd);
                        break;
                    case JinjaTokenKind.BlockBegin:
                        Next();
                        if (endTags is not null && Current.Kind == JinjaTokenKind.Name && endTags.Contains(Current.Value))
                        {
                            return body;
                        }

                        body.Add(ParseStatement());
                        Expect(JinjaTokenKind.BlockEnd);
                        break;
                    case JinjaTokenKind.End:
                        if (endTags is not null)
                        {
                            throw UnknownTagOrEnd(null, token);
                        }

                        return body;
                    default:
                        throw Fail($"unexpected '{token.Describe()}'", token);
                }
            }
        }
        finally
        {
            if (endTags is not null)
            {
                endTagStack.RemoveAt(endTagStack.Count - 1);
            }
        }
    }

    /// <summary>A block's body up to one of <paramref name="endTags"/>, left as the current token unless dropped.</summary>
    private List<JinjaNode> ParseStatements(string[] endTags, bool dropNeedle = false)
    {
        SkipOperator(":");
        Expect(JinjaTokenKind.BlockEnd);
        var body = Subparse(endTags);
        if (dropNeedle)
        {
            Next();
        }

        return body;
    }

    private JinjaToken Expect(JinjaTokenKind kind, string? value = null)
    {
        var token = Current;
        if (token.Kind != kind || (value is not null && token.Value != value))
        {
            if (token.Kind == JinjaTokenKind.End)
            {
                throw UnknownTagOrEnd(null, token);
            }

            var expected = value ?? new JinjaToken(kind, kind.ToString().ToLowerInvariant(), 0, 0).Describe();
            throw Fail($"expected token '{expected}', got '{token.Describe()}'", token);
        }

        return Next();
    }

    private bool SkipOperator(string op)
    {
        if (!Current.IsOperator(op))
        {
            return false;
        }

        Next();
        return true;
    }

    private bool SkipName(string name)
    {
        if (!Current.IsName(name))
        {
            return false;
        }

        Next();
        return true;
    }

    private JinjaException UnknownTagOrEnd(string? name, JinjaToken at)
    {
        var message = name is null ? "Unexpected end of template." : $"Encountered unknown tag '{name}'.";
        if (endTagStack.Count > 0)
        {
            var looking = string.Join(" or ", endTagStack[^1].Select(t => $"'{t}'"));
            message += name is not null && endTagStack.Any(tags => tags.Contains(name))
                ? $" You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for {looking}."
                : $" Jinja was looking for the following tags: {looking}.";
        }

        if (tagStack.Count > 0)
        {
            message += $" The innermost block that needs to be closed is '{tagStack[^1]}'.";
        }

        return Fail(message, at);
    }

    private static JinjaException Fail(string message, JinjaToken at) => new(JinjaErrorKind.Syntax, message, at.Line, at.Column);

    private Nesting Nest() => new(this);

    /// <summary>Counts how deep blocks and expressions nest, so a hostile template cannot exhaust the stack.</summary>
    private readonly ref struct Nesting
    {
        private readonly JinjaParser parser;

        public Nesting(JinjaParser parser)
        {
            this.parser = parser;
            if (++parser.depth > parser.limits.MaxNestingDepth)
            {
                throw Fail($"the template nests blocks or expressions more than {parser.limits.MaxNestingDepth} deep", parser.Current);
            }
        }

        public void Dispose() => parser.depth--;
    }
}
