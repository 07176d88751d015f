namespace Serverless.Inference.Chat.Jinja;

/// <summary>Filters on numbers and on values as a whole: abs, int, float, round, default, attr.</summary>
internal static partial class JinjaFilters
{
    private static object Abs(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        args.Bind("abs");
        return value switch
        {
            bool or long => JinjaValues.ToLong(value) == long.MinValue ? throw Error("integer overflow") : (object)Math.Abs(JinjaValues.ToLong(value)),
            double d => (object)Math.Abs(d),
            JinjaUndefined undefined => throw undefined.Error(),
            _ => throw Error($"bad operand type for abs(): '{JinjaValues.TypeName(value)}'"),
        };
    }

    private static object? Int(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("int", "default", "base");
        var fallback = JinjaArgs.Or(bound[0], 0L);
        var numberBase = Integer(JinjaArgs.Or(bound[1], 10L), "int");
        return value switch
        {
            JinjaUndefined undefined => throw undefined.Error(),
            bool or long => JinjaValues.ToLong(value),
            double d => Truncate(d) ?? fallback,

            // "42.23"|int is 42: jinja2 falls back to int(float(value)) when int(value) fails.
            string text => PyNumbers.ParseInt(text, numberBase) ?? (PyNumbers.ParseFloat(text) is { } d ? Truncate(d) : null) ?? fallback,
            _ => fallback,
        };
    }

    private static object? Truncate(double value) => double.IsNaN(value) ? null
        : double.IsInfinity(value) || Math.Abs(value) >= 9.2e18 ? throw Error("cannot convert float infinity or a huge float to integer")
        : (long)Math.Truncate(value);

    private static object? Float(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var fallback = JinjaArgs.Or(args.Bind("float", "default")[0], 0.0);
        return value switch
        {
            JinjaUndefined undefined => throw undefined.Error(),
            bool or long or double => JinjaValues.ToDouble(value),
            string text => PyNumbers.ParseFloat(text) ?? fallback,
            _ => fallback,
        };
    }

    private static object Round(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("round", "precision", "method");
        var precision = Integer(JinjaArgs.Or(bound[0], 0L), "round");
        var method = JinjaArgs.Or(bound[1], "common") as string;
        if (method is not ("common" or "ceil" or "floor"))
        {
            throw Error("method must be common, ceil or floor");
        }

        if (value is JinjaUndefined undefined)
        {
            throw undefined.Error();
        }

        if (!JinjaValues.IsNumber(value))
        {
            throw Error($"type {JinjaValues.TypeName(value)} doesn't define __round__ method");
        }

        if (method is "ceil" or "floor")
        {
            var scale = Math.Pow(10, precision);
            var scaled = JinjaValues.ToDouble(value) * scale;
            return (method == "ceil" ? Math.Ceiling(scaled) : Math.Floor(scaled)) / scale;
        }

        return value is double d ? (object)PyFloat.Round(d, precision) : (object)RoundInteger(JinjaValues.ToLong(value), precision);
    }

    /// <summary>Python's <c>round(int, n)</c>: unchanged for n ≥ 0, else half to even at 10^-n.</summary>
    private static long RoundInteger(long value, long precision)
    {
        if (precision >= 0)
        {
            return value;
        }

        if (precision < -18)
        {
            return 0;
        }

        var unit = (long)Math.Pow(10, -precision);
        var quotient = Math.DivRem(value, unit, out var remainder);
        if (remainder < 0)
        {
            (quotient, remainder) = (quotient - 1, remainder + unit);
        }

        var twice = (decimal)remainder * 2;
        if (twice > unit || (twice == unit && quotient % 2 != 0))
        {
            quotient++;
        }

        return quotient > long.MaxValue / unit || quotient < long.MinValue / unit
            ? throw Error("integer overflow: template integers are 64-bit here")
            : quotient * unit;
    }

    private static object? Default(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("default", "default_value", "boolean");
        var fallback = JinjaArgs.Or(bound[0], "");
        var boolean = JinjaValues.IsTruthy(JinjaArgs.Or(bound[1], false));
        return value is JinjaUndefined || (boolean && !JinjaValues.IsTruthy(value)) ? fallback : value;
    }

    private static object? Attr(JinjaInterpreter interpreter, object? value, JinjaArgs args)
    {
        var bound = args.Bind("attr", "name");
        var name = JinjaArgs.Required(bound[0], "attr", "name") as string ?? throw Error("attribute name must be a string");

        // Unlike a.b, attr() never falls back to a dict key.
        return value switch
        {
            JinjaUndefined or JinjaLoop or JinjaNamespace => interpreter.GetAttr(value, name),
            _ => JinjaMethods.Bind(value, name) ?? JinjaUndefined.NoAttribute(value, name),
        };
    }
}
