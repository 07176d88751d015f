namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's <c>iter(x)</c> over template values, each item counted against the render's work bound.</summary>
internal sealed partial class JinjaInterpreter
{
    /// <summary>The items of a list, the keys of a dict, the characters of a string; undefined is empty.</summary>
    public IEnumerable<object?> Iterate(object? value)
    {
        var items = value switch
        {
            JinjaUndefined => [],
            JinjaList list => list,
            JinjaDict dict => dict.Keys,
            string text => PyStrings.CodePoints(text),
            JinjaIterator iterator => iterator.Drain(),
            _ => throw new JinjaException(JinjaErrorKind.Runtime, $"'{JinjaValues.TypeName(value)}' object is not iterable"),
        };
        return Counted(items);
    }

    private IEnumerable<object?> Counted(IEnumerable<object?> items)
    {
        foreach (var item in items)
        {
            budget.CountWork();
            yield return item;
        }
    }

    public IReadOnlyList<object?> Materialize(object? value)
    {
        if (value is JinjaList list)
        {
            budget.CountWork(list.Count);
            return list;
        }

        return [.. Iterate(value)];
    }
}
