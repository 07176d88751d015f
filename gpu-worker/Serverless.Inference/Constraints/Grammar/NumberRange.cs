namespace Serverless.Inference.Constraints.Grammar;

/// <summary>
/// The inclusive bounds of a bounded number, on the grid the matcher writes such numbers on (at most
/// <see cref="MaxIntegerDigits"/> integer digits and <see cref="MaxFractionDigits"/> fraction digits, no exponent),
/// so that whether a prefix can still reach the range is exact decimal arithmetic.
/// </summary>
internal sealed record NumberRange(decimal Low, decimal High, bool Integer)
{
    public const int MaxIntegerDigits = 15;
    public const int MaxFractionDigits = 6;

    private const decimal Step = 0.000001m;
    private static readonly decimal Limit = 999_999_999_999_999.999999m;

    /// <summary>The grid points inside the schema's bounds; null when there are none.</summary>
    public static NumberRange? Create(decimal? minimum, bool minimumExclusive, decimal? maximum, bool maximumExclusive, bool integer)
    {
        var step = integer ? 1m : Step;
        var low = minimum is { } min ? Grid(min, step, up: true, exclusive: minimumExclusive) : -Limit;
        var high = maximum is { } max ? Grid(max, step, up: false, exclusive: maximumExclusive) : Limit;
        low = Math.Max(low, integer ? -999_999_999_999_999m : -Limit);
        high = Math.Min(high, integer ? 999_999_999_999_999m : Limit);
        return low <= high ? new NumberRange(low, high, integer) : null;
    }

    public bool Contains(decimal value) => value >= Low && value <= High;

    /// <summary>Whether the number written so far (a JSON number prefix without exponent) can still end inside the range.</summary>
    public bool CanReach(string prefix)
    {
        // Runs for every digit of every candidate token in a mask walk, so it parses spans into longs (at most
        // 15 integer and 6 fraction digits fit) and keeps decimal for the comparisons.
        var text = prefix.AsSpan();
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var dot = body.IndexOf('.');
        var integerDigits = dot < 0 ? body : body[..dot];
        var fractionSlack = Integer ? 0m : 1m - Step;
        if (integerDigits.Length == 0)
        {
            // Nothing but a sign yet: any magnitude the grid allows.
            return Overlaps(0m, Limit, negative) || (!negative && Overlaps(0m, Limit, negative: true));
        }

        decimal whole = Digits(integerDigits);
        if (dot >= 0)
        {
            var fraction = body[(dot + 1)..];
            var unit = Powers[MaxFractionDigits - fraction.Length] * Step;
            var value = whole + (Digits(fraction) * Powers[MaxFractionDigits - fraction.Length] * Step);
            return Overlaps(value, value + unit - Step, negative);
        }

        // Each further integer digit scales what is written by ten; a leading zero takes none. The intervals only
        // grow away from zero, so the search stops once one lies wholly beyond the range.
        var more = integerDigits is "0" ? 0 : MaxIntegerDigits - integerDigits.Length;
        for (var k = 0; k <= more; k++)
        {
            var low = whole * Powers[k];
            if (Overlaps(low, low + Powers[k] - 1m + fractionSlack, negative))
            {
                return true;
            }

            if (negative ? -low < Low : low > High)
            {
                return false;
            }
        }

        return false;
    }

    private static readonly decimal[] Powers = [.. Enumerable.Range(0, MaxIntegerDigits + 1).Select(k => Pow10(k))];

    private static long Digits(ReadOnlySpan<char> digits)
    {
        var value = 0L;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private bool Overlaps(decimal low, decimal high, bool negative)
    {
        var (from, to) = negative ? (-high, -low) : (low, high);
        return Math.Max(from, Low) <= Math.Min(to, High);
    }

    private static decimal Grid(decimal bound, decimal step, bool up, bool exclusive)
    {
        bound = Math.Clamp(bound, -Limit - 1m, Limit + 1m);
        var units = bound / step;
        var rounded = up ? decimal.Ceiling(units) : decimal.Floor(units);
        if (exclusive && rounded == units)
        {
            rounded += up ? 1m : -1m;
        }

        return rounded * step;
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            value = exponent > 0 ? value * 10m : value / 10m;
        }

        return value;
    }
}
