using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's <c>==</c> and ordering.</summary>
internal static partial class JinjaValues
{
    /// <summary>Python's <c>a == b</c>; <paramref name="budget"/> counts the items compared, when there is one.</summary>
    public static bool PyEquals(object? a, object? b, JinjaBudget? budget)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        budget?.CountWork();
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
        }

        // Python compares container items by identity first, which also keeps shared structures cheap.
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case string s:
                budget?.CountChars(s.Length);
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case JinjaUndefined:
                return b is JinjaUndefined;
            case JinjaList list when b is JinjaList other && list.Kind == other.Kind && list.Count == other.Count:
                for (var i = 0; i < list.Count; i++)
                {
                    if (!ReferenceEquals(list[i], other[i]) && !PyEquals(list[i], other[i], budget))
                    {
                        return false;
                    }
                }

                return true;
            case JinjaDict dict when b is JinjaDict other && dict.Count == other.Count:
                foreach (var (key, value) in dict.Pairs)
                {
                    if (!other.TryGetValue(key, out var otherValue) || !PyEquals(value, otherValue, budget))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Runs a LINQ sort, rethrowing the template error a comparison raised instead of the sort's wrapper.</summary>
    public static List<T> Sort<T>(IEnumerable<T> ordered)
    {
        try
        {
            return [.. ordered];
        }
        catch (InvalidOperationException wrapper) when (wrapper.InnerException is JinjaException or InsufficientExecutionStackException)
        {
            ExceptionDispatchInfo.Throw(wrapper.InnerException);
            throw;
        }
    }

    /// <summary>
    /// The sign of <paramref name="a"/> against <paramref name="b"/> for <c>&lt;</c> and friends, null when unordered
    /// (NaN); types Python cannot order throw its TypeError.
    /// </summary>
    public static int? Order(object? a, object? b, string op, JinjaBudget? budget)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        budget?.CountWork();
        switch (a)
        {
            case JinjaUndefined undefined:
                throw undefined.Error();
            case bool or long or double when IsNumber(b):
                if (a is double || b is double)
                {
                    var (x, y) = (ToDouble(a), ToDouble(b));
                    return double.IsNaN(x) || double.IsNaN(y) ? null : x.CompareTo(y);
                }

                return ToLong(a).CompareTo(ToLong(b));
            case string s when b is string t:
                budget?.CountChars(Math.Min(s.Length, t.Length));
                return Math.Sign(string.CompareOrdinal(s, t));
            case JinjaList list when b is JinjaList other && list.Kind == other.Kind && !list.IsView:
                for (var i = 0; i < Math.Min(list.Count, other.Count); i++)
                {
                    if (!PyEquals(list[i], other[i], budget))
                    {
                        return Order(list[i], other[i], op, budget);
                    }
                }

                return list.Count.CompareTo(other.Count);
        }

        if (b is JinjaUndefined otherUndefined)
        {
            throw otherUndefined.Error();
        }

        throw new JinjaException(
            JinjaErrorKind.Runtime, $"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }
}
