using Serverless.Inference.Constraints.Grammar;

namespace Serverless.Inference.Constraints.Matching;

/// <summary>
/// The pushdown automaton: JSON as the grammar allows it, one byte at a time. <see cref="Step"/> adds every frame
/// the byte can lead to (several while an <c>anyOf</c> is undecided, none when the byte is not allowed).
/// </summary>
internal static partial class JsonMachine
{
    /// <summary>Whitespace bytes allowed in a row between tokens.</summary>
    public const int MaxWhitespace = 20;

    public static Frame Start(GrammarNode root) => new(FrameKind.Root, root, parent: null);

    /// <summary>Whether the document is closed: nothing more may follow.</summary>
    public static bool IsComplete(Frame frame) => frame is { Kind: FrameKind.Root, Phase: 1 };

    /// <summary>Whether the document may end here: closed, or a top-level number or literal that could also go on.</summary>
    public static bool IsAccepting(Frame frame) =>
        IsComplete(frame) || (frame.Parent is { } parent && IsComplete(parent) && CanEndHere(frame));

    public static void Step(Frame frame, byte b, List<Frame> next)
    {
        switch (frame.Kind)
        {
            case FrameKind.Root:
                if (frame.Phase == 0)
                {
                    StartValue(frame.Node, frame.With(phase: 1), b, next);
                }

                break;
            case FrameKind.Object:
                StepObject(frame, b, next);
                break;
            case FrameKind.Array:
                StepArray(frame, b, next);
                break;
            case FrameKind.String:
                StepString(frame, b, next);
                break;
            case FrameKind.Number:
                StepNumber(frame, b, next);
                break;
            default:
                StepLiteral(frame, b, next);
                break;
        }
    }

    /// <summary>The first byte of a value of <paramref name="node"/>; <paramref name="after"/> is where its parent resumes once it closes.</summary>
    private static void StartValue(GrammarNode node, Frame after, byte b, List<Frame> next)
    {
        if (node.Shortest is null)
        {
            return;
        }

        switch (node)
        {
            case RefNode reference:
                StartValue(reference.Target!, after, b, next);
                break;
            case ChoiceNode choice:
                foreach (var option in choice.Options)
                {
                    StartValue(option, after, b, next);
                }

                break;
            case AnyNode any:
                GrammarNode? chosen = b switch
                {
                    (byte)'{' when after.Depth < AnyNode.MaxDepth => any.Object,
                    (byte)'[' when after.Depth < AnyNode.MaxDepth => any.Array,
                    (byte)'"' => StringNode.Instance,
                    (byte)'-' or (>= (byte)'0' and <= (byte)'9') => any.Number,
                    (byte)'t' or (byte)'f' or (byte)'n' => any.Keywords,
                    _ => null,
                };
                if (chosen is not null)
                {
                    StartValue(chosen, after, b, next);
                }

                break;
            case ObjectNode when b == '{':
                next.Add(new Frame(FrameKind.Object, node, after, ObjectPhase.Open));
                break;
            case ArrayNode when b == '[':
                next.Add(new Frame(FrameKind.Array, node, after, ArrayPhase.Open));
                break;
            case StringNode when b == '"':
                next.Add(new Frame(FrameKind.String, node, after));
                break;
            case NumberNode number when NumberText.Step(number, NumberText.Initial(number), b) is { } state:
                next.Add(new Frame(FrameKind.Number, node, after, (int)state.Phase, state.Digits, text: state.Text));
                break;
            case LiteralNode literal when literal.Trie.Child(0, b) is >= 0 and var child:
                next.Add(literal.Trie.ValueAt(child) >= 0 && !literal.Trie.HasChildren(child) ? after : new Frame(FrameKind.Literal, node, after, index: child));
                break;
        }
    }

    private static void StepArray(Frame frame, byte b, List<Frame> next)
    {
        var array = (ArrayNode)frame.Node;
        if (IsWhitespace(b))
        {
            AddWhitespace(frame, next);
            return;
        }

        var itemPossible = frame.Index < array.Max && array.Items.Shortest is not null;
        switch (frame.Phase)
        {
            case ArrayPhase.Open when b == ']' && array.Min == 0:
            case ArrayPhase.AfterItem when b == ']' && frame.Index >= array.Min:
                next.Add(frame.Parent!);
                break;
            case ArrayPhase.AfterItem when b == ',' && itemPossible:
                next.Add(frame.With(phase: ArrayPhase.NextItem));
                break;
            case ArrayPhase.Open or ArrayPhase.NextItem when itemPossible:
                StartValue(array.Items, frame.With(phase: ArrayPhase.AfterItem, index: frame.Index + 1), b, next);
                break;
        }
    }

    private static void StepString(Frame frame, byte b, List<Frame> next)
    {
        if (frame.Utf8 != 0 || (b >= 0x80 && frame.Phase == 0))
        {
            if (Utf8.Step(frame.Utf8, b) is >= 0 and var state)
            {
                next.Add(frame.With(utf8: state));
            }

            return;
        }

        // Phase: 0 plain, 1 after a backslash, 2–6 the four hex digits of \uXXXX (3: after a D, which keeps
        // the escape off the surrogates, since a lone one is no text at all).
        var phase = frame.Phase switch
        {
            0 when b == '"' => -2,
            0 when b == '\\' => 1,
            0 when b >= 0x20 => 0,
            1 when b is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' => 0,
            1 when b == 'u' => 2,
            2 when b is (byte)'d' or (byte)'D' => 3,
            2 when IsHex(b) => 4,
            3 when b is >= (byte)'0' and <= (byte)'7' => 5,
            4 or 5 when IsHex(b) => frame.Phase + 1,
            6 when IsHex(b) => 0,
            _ => -1,
        };
        if (phase == -2)
        {
            next.Add(frame.Parent!);
        }
        else if (phase == frame.Phase)
        {
            next.Add(frame);
        }
        else if (phase >= 0)
        {
            next.Add(frame.With(phase: phase));
        }
    }

    private static void StepNumber(Frame frame, byte b, List<Frame> next)
    {
        var node = (NumberNode)frame.Node;
        var state = new NumberState((NumberPhase)frame.Phase, frame.Index, frame.Text);
        if (NumberText.Step(node, state, b) is { } after)
        {
            next.Add(new Frame(FrameKind.Number, node, frame.Parent, (int)after.Phase, after.Digits, text: after.Text));
        }
        else if (NumberText.IsComplete(node, state))
        {
            // A number ends at the first byte that cannot continue it, which then belongs to the parent.
            Step(frame.Parent!, b, next);
        }
    }

    private static void StepLiteral(Frame frame, byte b, List<Frame> next)
    {
        var trie = ((LiteralNode)frame.Node).Trie;
        if (trie.Child(frame.Index, b) is >= 0 and var child)
        {
            next.Add(trie.ValueAt(child) >= 0 && !trie.HasChildren(child) ? frame.Parent! : frame.With(index: child));
        }
        else if (trie.ValueAt(frame.Index) >= 0)
        {
            // A literal that is a prefix of another (enum [1, 12]) ends like a number.
            Step(frame.Parent!, b, next);
        }
    }

    private static bool CanEndHere(Frame frame) => frame.Kind switch
    {
        FrameKind.Number => NumberText.IsComplete((NumberNode)frame.Node, new NumberState((NumberPhase)frame.Phase, frame.Index, frame.Text)),
        FrameKind.Literal => ((LiteralNode)frame.Node).Trie.ValueAt(frame.Index) >= 0,
        _ => false,
    };

    private static void AddWhitespace(Frame frame, List<Frame> next)
    {
        if (frame.Whitespace < MaxWhitespace)
        {
            next.Add(frame.With(phase: frame.Phase, whitespace: frame.Whitespace + 1));
        }
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
