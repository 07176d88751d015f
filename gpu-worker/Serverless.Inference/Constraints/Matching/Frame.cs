using Serverless.Inference.Constraints.Grammar;

namespace Serverless.Inference.Constraints.Matching;

/// <summary>
/// One level of the matcher's stack, immutable: a byte makes a new frame (sharing the parent) or returns the same
/// one, so a search over the vocabulary can branch from any state for free. A parent is always stored in the
/// phase it returns to once its child is closed. Equal frames (all fields, parents included) are the same
/// state, which is what the mask cache is keyed by.
/// </summary>
/// <remarks>
/// Fields by kind. Object: <see cref="Index"/> the next declared property that may come, <see cref="Current"/>
/// the property being written (−1: a free key), or while in a key the key trie's node (−1: no declared name).
/// Array: <see cref="Index"/> the items written. Number: <see cref="Phase"/> a <see cref="NumberPhase"/>,
/// <see cref="Index"/> the digits in the current part, <see cref="Text"/> a bounded number's text. Literal:
/// <see cref="Index"/> the literal trie's node. String: <see cref="Phase"/> the escape being written.
/// </remarks>
internal sealed class Frame : IEquatable<Frame>
{
    private readonly int hash;
    private byte[]? ownClose;
    private int closeCost = -1;

    public Frame(FrameKind kind, GrammarNode node, Frame? parent, int phase = 0, int index = 0, int current = 0, int utf8 = 0, int whitespace = 0, string? text = null)
    {
        Kind = kind;
        Node = node;
        Parent = parent;
        Phase = phase;
        Index = index;
        Current = current;
        Utf8 = utf8;
        Whitespace = whitespace;
        Text = text;
        Depth = parent is null ? 0 : parent.Depth + 1;
        hash = HashCode.Combine(parent?.hash ?? 0, kind, node, phase, index, current, (utf8 << 8) | whitespace, text);
    }

    public FrameKind Kind { get; }

    public GrammarNode Node { get; }

    public Frame? Parent { get; }

    public int Phase { get; }

    public int Index { get; }

    public int Current { get; }

    /// <summary>The UTF-8 character being written (see <see cref="Utf8"/>), 0 between characters.</summary>
    public int Utf8 { get; }

    /// <summary>Whitespace bytes written in a row here; bounded so a model cannot pad forever.</summary>
    public int Whitespace { get; }

    public string? Text { get; }

    public int Depth { get; }

    /// <summary>The fewest bytes that close this frame back into its parent; computed once.</summary>
    public byte[] OwnClose => ownClose ??= JsonMachine.OwnClose(this);

    /// <summary>The fewest bytes that complete the whole document from here (this frame and every parent).</summary>
    public int CloseCost
    {
        get
        {
            if (closeCost >= 0)
            {
                return closeCost;
            }

            // Iterative, since a recursive schema may stack frames deeply.
            var pending = new Stack<Frame>();
            for (var f = this; f is not null && f.closeCost < 0; f = f.Parent)
            {
                pending.Push(f);
            }

            while (pending.TryPop(out var f))
            {
                f.closeCost = f.OwnClose.Length + (f.Parent?.closeCost ?? 0);
            }

            return closeCost;
        }
    }

    public Frame With(int? phase = null, int? index = null, int? current = null, int? utf8 = null, int? whitespace = null) =>
        new(Kind, Node, Parent, phase ?? Phase, index ?? Index, current ?? Current, utf8 ?? Utf8, whitespace ?? 0, Text);

    public bool Equals(Frame? other)
    {
        var a = this;
        var b = other;
        while (true)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a is null || b is null || a.hash != b.hash || a.Kind != b.Kind || a.Node != b.Node || a.Phase != b.Phase || a.Index != b.Index
                || a.Current != b.Current || a.Utf8 != b.Utf8 || a.Whitespace != b.Whitespace || a.Text != b.Text)
            {
                return false;
            }

            a = a.Parent;
            b = b.Parent;
        }
    }

    public override bool Equals(object? obj) => Equals(obj as Frame);

    public override int GetHashCode() => hash;
}
