namespace Serverless.Inference.Chat.Jinja;

/// <summary>Filters over sequences and dicts: length, first, last, join, reverse, items, dictsort, batch, sum, min, max.</summary>
internal static partial class JinjaFilters
{
    private static object Length(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        args.Bind("length");
        return value switch
        {
            string text => (long)PyStrings.Length(Counted(interpreter, text)),
            JinjaList list => (long)list.Count,
            JinjaDict dict => (long)dict.Count,
            JinjaUndefined => 0L,
            _ => throw Error($"object of type '{JinjaValues.TypeName(value)}' has no len()"),
        };
    }

    private static string Counted(JinjaInterpreter interpreter, string text)
    {
        interpreter.Budget.CountChars(text.Length);
        return text;
    }

    private static object? First(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        args.Bind("first");
        foreach (var item in interpreter.Iterate(value))
        {
            return item;
        }

        return new JinjaUndefined("No first item, sequence was empty.");
    }

    private static object? Last(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        args.Bind("last");
        var items = Reversible(interpreter, value);
        return items.Count > 0 ? items[^1] : new JinjaUndefined("No last item, sequence was empty.");
    }

    /// <summary>What Python's <c>reversed()</c> accepts: sequences and dicts, not generators.</summary>
    private static IReadOnlyList<object?> Reversible(JinjaInterpreter interpreter, object? value) => value switch
    {
        JinjaList or JinjaDict or string or JinjaUndefined => interpreter.Materialize(value),
        _ => throw Error($"'{JinjaValues.TypeName(value)}' object is not reversible"),
    };

    private static object? Reverse(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        args.Bind("reverse");
        return value switch
        {
            string text => PyStrings.Reverse(text),
            JinjaList or JinjaDict or JinjaUndefined => new JinjaIterator(interpreter.Materialize(value).Reverse(), value is JinjaDict ? "dict_reversekeyiterator" : "list_reverseiterator"),
            _ => new JinjaList([.. interpreter.Iterate(value).Reverse()]),
        };
    }

    private static string Join(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("join", "d", "attribute");
        var separator = JinjaValues.ToStr(JinjaArgs.Or(bound[0], ""), interpreter.Budget);
        var attribute = JinjaArgs.Or(bound[1], null);
        var getter = attribute is null ? null : AttributeGetter(interpreter, attribute);
        var text = new JinjaText(interpreter.Budget);
        var first = true;
        foreach (var item in interpreter.Iterate(value))
        {
            if (!first)
            {
                text.Append(separator);
            }

            first = false;
            text.Append(JinjaValues.ToStr(getter is null ? item : getter(item), interpreter.Budget));
        }

        return text.ToString();
    }

    private static JinjaIterator Items(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        args.Bind("items");
        return value switch
        {
            JinjaUndefined => new JinjaIterator([]),
            JinjaDict dict => new JinjaIterator(dict.Pairs.Select(p => (object?)JinjaList.Tuple(p.Key, p.Value))),
            _ => throw Error("Can only get item pairs from a mapping."),
        };
    }

    private static JinjaList DictSort(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("dictsort", "case_sensitive", "by", "reverse");
        var caseSensitive = JinjaValues.IsTruthy(JinjaArgs.Or(bound[0], false));
        var position = JinjaArgs.Or(bound[1], "key") switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw Error("You can only sort by either \"key\" or \"value\""),
        };
        if (value is not JinjaDict dict)
        {
            throw Error($"'{JinjaValues.TypeName(value)}' object has no attribute 'items'");
        }

        var pairs = dict.Pairs.Select(p => (object?)JinjaList.Tuple(p.Key, p.Value)).ToList();
        return Sorted(interpreter, pairs, item =>
        {
            var key = ((JinjaList)item!)[position];
            return !caseSensitive && key is string text ? text.ToLowerInvariant() : key;
        }, JinjaValues.IsTruthy(JinjaArgs.Or(bound[2], false)));
    }

    private static JinjaIterator Batch(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("batch", "linecount", "fill_with");
        var size = Integer(JinjaArgs.Required(bound[0], "batch", "linecount"), "batch");
        var fill = JinjaArgs.Or(bound[1], null);
        if (size <= 0)
        {
            throw Error("batch size must be positive");
        }

        var items = interpreter.Materialize(value);
        var batches = items.Chunk((int)Math.Min(size, int.MaxValue)).Select(chunk => (object?)new JinjaList(
            fill is not null && chunk.Length < size ? [.. chunk, .. Enumerable.Repeat(fill, (int)size - chunk.Length)] : chunk));
        return new JinjaIterator(batches);
    }

    private static object? Sum(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("sum", "attribute", "start");
        var attribute = JinjaArgs.Or(bound[0], null);
        var total = JinjaArgs.Or(bound[1], 0L);
        if (total is string)
        {
            throw Error("sum() can't sum strings [use ''.join(seq) instead]");
        }

        var getter = attribute is null ? null : AttributeGetter(interpreter, attribute);
        foreach (var item in interpreter.Iterate(value))
        {
            total = JinjaOperators.Binary("+", total, getter is null ? item : getter(item), interpreter.Budget);
        }

        return total;
    }

    private static object? MinOrMax(JinjaInterpreter interpreter, object? value, JinjaArgs args, string name)
    {
        var bound = args.Bind(name, "case_sensitive", "attribute");
        var caseSensitive = JinjaValues.IsTruthy(JinjaArgs.Or(bound[0], false));
        var key = AttributeGetter(interpreter, JinjaArgs.Or(bound[1], null), ignoreCase: !caseSensitive);
        var items = interpreter.Materialize(value);
        if (items.Count == 0)
        {
            return new JinjaUndefined("No aggregated item, sequence was empty.");
        }

        // Python keeps the first of equal items: a later one wins only when strictly smaller (min) or larger (max).
        var best = items[0];
        var bestKey = key(best);
        foreach (var item in items.Skip(1))
        {
            var itemKey = key(item);
            var order = name == "min" ? JinjaValues.Order(itemKey, bestKey, "<", interpreter.Budget) : JinjaValues.Order(bestKey, itemKey, "<", interpreter.Budget);
            if (order < 0)
            {
                (best, bestKey) = (item, itemKey);
            }
        }

        return best;
    }
}
