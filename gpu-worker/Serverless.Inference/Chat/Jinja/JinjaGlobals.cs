namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// The functions every template sees: jinja2's <c>range</c>, <c>dict</c> and <c>namespace</c>, and Hugging Face's
/// <c>raise_exception</c> and <c>strftime_now</c>.
/// </summary>
internal static class JinjaGlobals
{
    // jinja2's sandbox refuses longer ranges with this very limit.
    private const int MaxRange = 100_000;

    public static void AddTo(JinjaScope scope)
    {
        scope.Set("range", new JinjaFunction("range", Range));
        scope.Set("dict", new JinjaFunction("dict", (interpreter, args) => Dict(interpreter, args, "dict")));
        scope.Set("namespace", new JinjaFunction("namespace", (interpreter, args) => new JinjaNamespace(
            Dict(interpreter, args, "namespace").Pairs.Select(p => new KeyValuePair<string, object?>(
                p.Key as string ?? throw Error("namespace() keys must be strings"), p.Value)))));
        scope.Set("raise_exception", new JinjaFunction("raise_exception", (interpreter, args) =>
        {
            var message = JinjaArgs.Required(args.Bind("raise_exception", "message")[0], "raise_exception", "message");
            throw new JinjaException(JinjaErrorKind.Raised, JinjaValues.ToStr(message, interpreter.Budget));
        }));
        scope.Set("strftime_now", new JinjaFunction("strftime_now", (interpreter, args) =>
        {
            var format = JinjaArgs.Required(args.Bind("strftime_now", "format")[0], "strftime_now", "format");
            return format is string text
                ? PyStrftime.Format(interpreter.Time.GetLocalNow().DateTime, text)
                : throw Error($"strftime() argument 1 must be str, not {JinjaValues.TypeName(format)}");
        }));
    }

    private static JinjaList Range(JinjaInterpreter interpreter, JinjaArgs args)
    {
        args.NoKeywords("range");
        if (args.Positional.Count is 0 or > 3)
        {
            throw Error($"range expected 1 to 3 arguments, got {args.Positional.Count}");
        }

        var numbers = args.Positional.Select(a => JinjaValues.IsInteger(a)
            ? JinjaValues.ToLong(a)
            : throw Error($"'{JinjaValues.TypeName(a)}' object cannot be interpreted as an integer")).ToArray();
        var (start, stop, step) = numbers.Length switch
        {
            1 => (0L, numbers[0], 1L),
            2 => (numbers[0], numbers[1], 1L),
            _ => (numbers[0], numbers[1], numbers[2]),
        };
        if (step == 0)
        {
            throw Error("range() arg 3 must not be zero");
        }

        // The length is worked out before anything is allocated, so range(10**12) fails at once.
        var length = step > 0
            ? (stop > start ? ((decimal)stop - start - 1) / step + 1 : 0)
            : (start > stop ? ((decimal)start - stop - 1) / -(decimal)step + 1 : 0);
        var count = (long)Math.Floor(length);
        if (count > MaxRange)
        {
            throw Error($"Range too big. The sandbox blocks ranges larger than MAX_RANGE ({MaxRange}).");
        }

        interpreter.Budget.CountWork(count);
        var items = new object?[count];
        for (var i = 0L; i < count; i++)
        {
            items[i] = start + (i * step);
        }

        return new JinjaList(items);
    }

    private static JinjaDict Dict(JinjaInterpreter interpreter, JinjaArgs args, string callee)
    {
        if (args.Positional.Count > 1)
        {
            throw Error($"{callee} expected at most 1 argument, got {args.Positional.Count}");
        }

        var pairs = new List<KeyValuePair<object?, object?>>();
        if (args.Positional.Count == 1)
        {
            if (args.Positional[0] is JinjaDict source)
            {
                pairs.AddRange(source.Pairs);
            }
            else
            {
                foreach (var item in interpreter.Iterate(args.Positional[0]))
                {
                    var pair = interpreter.Materialize(item);
                    pairs.Add(pair.Count == 2 ? new(pair[0], pair[1]) : throw Error($"dictionary update sequence element has length {pair.Count}; 2 is required"));
                }
            }
        }

        pairs.AddRange(args.Named.Select(a => new KeyValuePair<object?, object?>(a.Key, a.Value)));
        return new JinjaDict(pairs);
    }

    private static JinjaException Error(string message) => new(JinjaErrorKind.Runtime, message);
}
