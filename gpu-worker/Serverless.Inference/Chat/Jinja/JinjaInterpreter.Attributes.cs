namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// <c>a.b</c>, <c>a[b]</c> and slices as jinja2's sandbox resolves them: an attribute (only the built-in methods
/// of str, list and dict exist) before a key for <c>a.b</c>, a key before an attribute for <c>a[b]</c>, and
/// undefined instead of an error when neither exists.
/// </summary>
internal sealed partial class JinjaInterpreter
{
    public object? GetAttr(object? owner, string name)
    {
        switch (owner)
        {
            case JinjaUndefined undefined:
                throw undefined.Error();
            case JinjaLoop loop:
                return loop.Get(name);
            case JinjaNamespace ns:
                return ns.TryGet(name, out var attribute) ? attribute : JinjaUndefined.NoAttribute(owner, name);
        }

        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            return JinjaUndefined.Unsafe(owner, name);
        }

        if (JinjaMethods.Bind(owner, name) is { } method)
        {
            return method;
        }

        if (owner is JinjaDict dict && dict.TryGetValue(name, out var value))
        {
            return value;
        }

        return JinjaUndefined.NoAttribute(owner, name);
    }

    public object? GetItem(object? owner, object? key)
    {
        switch (owner)
        {
            case JinjaUndefined undefined:
                throw undefined.Error();
            case JinjaDict dict when TryLookup(dict, key, out var value):
                return value;
            case JinjaList { IsView: false } list when JinjaValues.IsInteger(key):
                var index = JinjaValues.ToLong(key);
                index = index < 0 ? index + list.Count : index;
                if (index >= 0 && index < list.Count)
                {
                    return list[(int)index];
                }

                break;
            case string text when JinjaValues.IsInteger(key):
                budget.CountChars(text.Length);
                var length = PyStrings.Length(text);
                var at = JinjaValues.ToLong(key);
                at = at < 0 ? at + length : at;
                if (at >= 0 && at < length)
                {
                    return PyStrings.Substring(text, (int)at, (int)at + 1);
                }

                break;
        }

        // Python's getitem falls back to the attribute of that name, methods and loop fields included.
        if (key is string name && owner is not JinjaDict)
        {
            var attribute = GetAttr(owner, name);
            if (attribute is not JinjaUndefined)
            {
                return attribute;
            }
        }
        else if (key is string method && JinjaMethods.Bind(owner, method) is { } bound)
        {
            return bound;
        }

        return key is string missing ? JinjaUndefined.NoAttribute(owner, missing) : JinjaUndefined.NoElement(owner, key);
    }

    /// <summary>A dict lookup where an unhashable key (Python's TypeError) is simply not found, as jinja2's getitem has it.</summary>
    private bool TryLookup(JinjaDict dict, object? key, out object? value)
    {
        budget.CountChars(key is string text ? text.Length : 0);
        try
        {
            return dict.TryGetValue(key, out value);
        }
        catch (JinjaException)
        {
            value = null;
            return false;
        }
    }

    private object? Slice(object? owner, SliceExpr slice, JinjaScope scope)
    {
        var start = SliceIndex(slice.Start, scope);
        var stop = SliceIndex(slice.Stop, scope);
        var step = SliceIndex(slice.Step, scope) ?? 1;
        if (owner is JinjaUndefined undefined)
        {
            throw undefined.Error();
        }

        if (step == 0)
        {
            throw new JinjaException(JinjaErrorKind.Runtime, "slice step cannot be zero");
        }

        if (owner is string whole)
        {
            budget.CountChars(whole.Length);
            if (!PyStrings.HasSurrogates(whole))
            {
                return SliceChars(whole, start, stop, step);
            }
        }

        IReadOnlyList<object?>? items = owner switch
        {
            JinjaList { IsView: false } list => list,
            string text => PyStrings.CodePoints(text),
            _ => null,
        };
        if (items is null)
        {
            return JinjaUndefined.NoElement(owner, "slice");
        }

        var picked = new List<object?>();
        var (from, to) = (Adjust(start, items.Count, step, isStart: true), Adjust(stop, items.Count, step, isStart: false));
        for (var i = from; step > 0 ? i < to : i > to; i += step)
        {
            budget.CountWork();
            picked.Add(items[(int)i]);
        }

        return owner is JinjaList source ? new JinjaList(picked, source.Kind) : string.Concat(picked.Cast<string>());
    }

    private static string SliceChars(string text, long? start, long? stop, long step)
    {
        if (step == 1)
        {
            var (from, to) = (Adjust(start, text.Length, step, isStart: true), Adjust(stop, text.Length, step, isStart: false));
            return from < to ? text[(int)from..(int)to] : "";
        }

        var picked = new System.Text.StringBuilder();
        var end = Adjust(stop, text.Length, step, isStart: false);
        for (var i = Adjust(start, text.Length, step, isStart: true); step > 0 ? i < end : i > end; i += step)
        {
            picked.Append(text[(int)i]);
        }

        return picked.ToString();
    }

    private long? SliceIndex(JinjaExpr? expr, JinjaScope scope)
    {
        var value = expr is null ? null : Eval(expr, scope);
        return value switch
        {
            null => null,
            bool or long => JinjaValues.ToLong(value),
            _ => throw new JinjaException(JinjaErrorKind.Runtime, "slice indices must be integers or None or have an __index__ method"),
        };
    }

    /// <summary>CPython's PySlice_AdjustIndices for one bound.</summary>
    private static long Adjust(long? index, int length, long step, bool isStart)
    {
        if (index is not { } i)
        {
            return isStart ? (step < 0 ? length - 1 : 0) : (step < 0 ? -1 : length);
        }

        if (i < 0)
        {
            i += length;
            return i < 0 ? (step < 0 ? -1 : 0) : i;
        }

        return i >= length ? (step < 0 ? length - 1 : length) : i;
    }
}
