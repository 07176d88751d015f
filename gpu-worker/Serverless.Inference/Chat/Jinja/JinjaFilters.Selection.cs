namespace Serverless.Inference.Chat.Jinja;

/// <summary>Filters that pick, transform or order items: map, select, reject, selectattr, rejectattr, unique, sort.</summary>
internal static partial class JinjaFilters
{
    private static JinjaIterator Map(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        Func<object?, object?> transform;
        if (args.Positional.Count == 0 && args.Named.Any(a => a.Key == "attribute"))
        {
            var bound = args.Bind("map", "attribute", "default");
            transform = AttributeGetter(interpreter, bound[0], JinjaArgs.Or(bound[1], null));
        }
        else
        {
            if (args.Positional.Count == 0 || args.Positional[0] is not string filter)
            {
                throw Error("map requires a filter argument");
            }

            if (!Filters.ContainsKey(filter))
            {
                throw Error($"No filter named '{filter}'.");
            }

            var rest = new JinjaArgs([.. args.Positional.Skip(1)], args.Named);
            transform = item => Apply(interpreter, filter, item, rest);
        }

        // Like jinja2's generator: a false input gives nothing, and the items are produced as they are asked for.
        var items = JinjaValues.IsTruthy(value) ? interpreter.Iterate(value) : [];
        return new JinjaIterator(items.Select(transform));
    }

    private static JinjaIterator Select(JinjaInterpreter interpreter, object? value, JinjaArgs args, bool keep, bool byAttribute)
    {
        Func<object?, object?> pick = item => item;
        var offset = 0;
        if (byAttribute)
        {
            if (args.Positional.Count == 0)
            {
                throw Error("Missing parameter for attribute name");
            }

            pick = AttributeGetter(interpreter, args.Positional[0]);
            offset = 1;
        }

        Func<object?, bool> test = item => JinjaValues.IsTruthy(item);
        if (args.Positional.Count > offset)
        {
            var name = args.Positional[offset] as string ?? throw Error("a test name must be a string");
            if (!JinjaTests.Exists(name))
            {
                throw Error($"No test named '{name}'.");
            }

            var rest = new JinjaArgs([.. args.Positional.Skip(offset + 1)], args.Named);
            test = item => JinjaTests.Apply(interpreter, name, item, rest);
        }

        var items = JinjaValues.IsTruthy(value) ? interpreter.Iterate(value) : [];
        return new JinjaIterator(items.Where(item => test(pick(item)) == keep));
    }

    private static JinjaIterator Unique(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("unique", "case_sensitive", "attribute");
        var key = AttributeGetter(interpreter, JinjaArgs.Or(bound[1], null), ignoreCase: !JinjaValues.IsTruthy(JinjaArgs.Or(bound[0], false)));
        var seen = new HashSet<object?>(JinjaKeyComparer.Instance);
        return new JinjaIterator(interpreter.Iterate(value).Where(item => seen.Add(key(item))));
    }

    private static JinjaList Sort(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("sort", "reverse", "case_sensitive", "attribute");
        var reverse = JinjaValues.IsTruthy(JinjaArgs.Or(bound[0], false));
        var ignoreCase = !JinjaValues.IsTruthy(JinjaArgs.Or(bound[1], false));
        var attribute = JinjaArgs.Or(bound[2], null);

        // Several comma-separated attributes sort by each in turn, as a tuple key would.
        var getters = attribute is string names
            ? [.. names.Split(',').Select(name => AttributeGetter(interpreter, name, ignoreCase: ignoreCase))]
            : new[] { AttributeGetter(interpreter, attribute, ignoreCase: ignoreCase) };
        return Sorted(interpreter, interpreter.Materialize(value), item => new JinjaList([.. getters.Select(get => get(item))]), reverse);
    }

    /// <summary>Python's stable <c>sorted(items, key=key, reverse=reverse)</c>, comparing keys with <c>&lt;</c>.</summary>
    private static JinjaList Sorted(JinjaInterpreter interpreter, IReadOnlyList<object?> items, Func<object?, object?> key, bool reverse)
    {
        var keyed = items.Select(item => (Item: item, Key: key(item))).ToList();
        var comparer = Comparer<object?>.Create((a, b) =>
            JinjaValues.Order(a, b, "<", interpreter.Budget) < 0 ? -1 : JinjaValues.Order(b, a, "<", interpreter.Budget) < 0 ? 1 : 0);
        var ordered = reverse ? keyed.OrderByDescending(k => k.Key, comparer) : keyed.OrderBy(k => k.Key, comparer);
        return new JinjaList(JinjaValues.Sort(ordered.Select(k => k.Item)));
    }
}
