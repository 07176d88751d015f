using Serverless.Inference.Constraints.Grammar;

namespace Serverless.Inference.Constraints.Matching;

/// <summary>
/// RFC 8259 numbers, byte by byte. Parts are kept short (15 integer and fraction digits, 2 exponent digits) so every
/// reader parses what is written; a bounded number has no exponent and at most 6 fraction digits, and every prefix
/// must still be able to reach its range.
/// </summary>
internal static class NumberText
{
    private const int MaxPartDigits = 15;
    private const int MaxExponentDigits = 2;

    public static NumberState Initial(NumberNode node) => new(NumberPhase.Start, 0, node.Range is null ? null : string.Empty);

    /// <summary>The state after <paramref name="b"/>, or null when the byte cannot continue this number.</summary>
    public static NumberState? Step(NumberNode node, NumberState state, byte b)
    {
        var digit = b is >= (byte)'0' and <= (byte)'9';
        var bounded = node.Range is not null;
        NumberState? next = state.Phase switch
        {
            NumberPhase.Start when b == '-' => new(NumberPhase.Minus, 0, null),
            NumberPhase.Start or NumberPhase.Minus when b == '0' => new(NumberPhase.Zero, 1, null),
            NumberPhase.Start or NumberPhase.Minus when digit => new(NumberPhase.Integer, 1, null),
            NumberPhase.Integer when digit && state.Digits < MaxPartDigits => new(NumberPhase.Integer, state.Digits + 1, null),
            NumberPhase.Zero or NumberPhase.Integer when b == '.' && !node.Integer => new(NumberPhase.Dot, 0, null),
            NumberPhase.Dot or NumberPhase.Fraction when digit && state.Digits < (bounded ? NumberRange.MaxFractionDigits : MaxPartDigits) =>
                new(NumberPhase.Fraction, state.Digits + 1, null),
            NumberPhase.Zero or NumberPhase.Integer or NumberPhase.Fraction when (b == 'e' || b == 'E') && !node.Integer && !bounded =>
                new(NumberPhase.Exponent, 0, null),
            NumberPhase.Exponent when b == '+' || b == '-' => new(NumberPhase.ExponentSign, 0, null),
            NumberPhase.Exponent or NumberPhase.ExponentSign or NumberPhase.ExponentDigits when digit && state.Digits < MaxExponentDigits =>
                new(NumberPhase.ExponentDigits, state.Digits + 1, null),
            _ => null,
        };
        if (next is not { } found || node.Range is not { } range)
        {
            return next;
        }

        var text = state.Text + (char)b;
        return range.CanReach(text) ? found with { Text = text } : null;
    }

    /// <summary>Whether what is written is a whole number (and inside the range, if bounded).</summary>
    public static bool IsComplete(NumberNode node, NumberState state) =>
        state.Phase is NumberPhase.Zero or NumberPhase.Integer or NumberPhase.Fraction or NumberPhase.ExponentDigits
        && (node.Range is not { } range || range.Contains(decimal.Parse(state.Text!, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The fewest characters that complete the number from <paramref name="text"/> (a bounded number's text so far, or any prefix of an unbounded one).</summary>
    public static string ShortestCompletion(NumberNode node, string text)
    {
        var state = Replay(node, text);
        if (state is null)
        {
            throw new InvalidOperationException($"'{text}' is no prefix of this number.");
        }

        // Iterative deepening: the range check prunes every prefix that cannot end inside the range, so the first
        // length with an answer is found without wandering.
        for (var length = 0; length <= 24; length++)
        {
            if (Search(node, state.Value, length, []) is { } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException("No number completes this prefix.");
    }

    /// <summary>The fewest characters that complete the number from <paramref name="state"/>.</summary>
    public static string ShortestCompletion(NumberNode node, NumberState state) =>
        IsComplete(node, state) ? string.Empty : node.Range is null ? "0" : ShortestCompletion(node, state.Text!);

    private static NumberState? Replay(NumberNode node, string text)
    {
        NumberState? state = Initial(node);
        foreach (var c in text)
        {
            state = state is { } s ? Step(node, s, (byte)c) : null;
        }

        return state;
    }

    private static string? Search(NumberNode node, NumberState state, int length, List<char> written)
    {
        if (length == 0)
        {
            return IsComplete(node, state) ? new string([.. written]) : null;
        }

        foreach (var c in "0123456789.-")
        {
            if (Step(node, state, (byte)c) is { } next)
            {
                written.Add(c);
                var found = Search(node, next, length - 1, written);
                written.RemoveAt(written.Count - 1);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
