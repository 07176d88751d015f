using Serverless.Inference.Constraints.Grammar;

namespace Serverless.Inference.Constraints.Matching;

/// <summary>
/// Where the matcher is: one stack per reading of the bytes so far (usually one; an undecided <c>anyOf</c> keeps
/// several). Immutable and compared by value: the key of the mask cache.
/// </summary>
internal sealed class MatchState : IEquatable<MatchState>
{
    private readonly int hash;

    private MatchState(Frame[] threads)
    {
        Threads = threads;
        var combined = new HashCode();
        foreach (var thread in threads)
        {
            combined.Add(thread);
        }

        hash = combined.ToHashCode();
    }

    public Frame[] Threads { get; }

    public bool IsComplete => Threads.Any(JsonMachine.IsComplete);

    public bool IsAccepting => Threads.Any(JsonMachine.IsAccepting);

    /// <summary>The fewest bytes that complete the document, over every reading.</summary>
    public int CloseCost => Threads.Min(t => t.CloseCost);

    public static MatchState Start(GrammarNode root) => new([JsonMachine.Start(root)]);

    /// <summary>The state after <paramref name="b"/>, or null when no reading allows it.</summary>
    public MatchState? Step(byte b, List<Frame> scratch)
    {
        scratch.Clear();
        foreach (var thread in Threads)
        {
            JsonMachine.Step(thread, b, scratch);
        }

        if (scratch.Count == 0)
        {
            return null;
        }

        if (scratch.Count == 1)
        {
            // Inside a string most bytes change nothing: the same state comes back without allocating.
            return Threads.Length == 1 && ReferenceEquals(scratch[0], Threads[0]) ? this : new MatchState([scratch[0]]);
        }

        return new MatchState([.. scratch.Distinct()]);
    }

    /// <summary>The state after all of <paramref name="bytes"/>, or null.</summary>
    public MatchState? Step(ReadOnlySpan<byte> bytes, List<Frame> scratch)
    {
        var state = this;
        foreach (var b in bytes)
        {
            state = state.Step(b, scratch);
            if (state is null)
            {
                return null;
            }
        }

        return state;
    }

    /// <summary>The bytes of the shortest completion: the cheapest reading's closes, innermost first.</summary>
    public byte[] ShortestCompletion()
    {
        var bytes = new List<byte>();
        for (var frame = Threads.MinBy(t => t.CloseCost); frame is not null; frame = frame.Parent)
        {
            bytes.AddRange(frame.OwnClose);
        }

        return [.. bytes];
    }

    public bool Equals(MatchState? other) =>
        other is not null && (ReferenceEquals(this, other) || (hash == other.hash && Threads.AsSpan().SequenceEqual(other.Threads)));

    public override bool Equals(object? obj) => Equals(obj as MatchState);

    public override int GetHashCode() => hash;
}
