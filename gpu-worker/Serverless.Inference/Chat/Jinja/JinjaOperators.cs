namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's arithmetic operators on template values; ints are 64-bit and overflow is an error.</summary>
internal static class JinjaOperators
{
    public static object? Unary(string op, object? operand) => operand switch
    {
        JinjaUndefined undefined => throw undefined.Error(),
        bool or long when op == "-" => (object)Checked(() => checked(-JinjaValues.ToLong(operand))),
        bool or long => (object)JinjaValues.ToLong(operand),
        double d => (object)(op == "-" ? -d : d),
        _ => throw Error($"bad operand type for unary {op}: '{JinjaValues.TypeName(operand)}'"),
    };

    public static object? Binary(string op, object? left, object? right, JinjaBudget budget)
    {
        if (op == "~")
        {
            var (a, b) = (JinjaValues.ToStr(left, budget), JinjaValues.ToStr(right, budget));
            budget.EnsureSize((long)a.Length + b.Length);
            budget.CountChars((long)a.Length + b.Length);
            return a + b;
        }

        if (left is JinjaUndefined undefinedLeft)
        {
            throw undefinedLeft.Error();
        }

        if (right is JinjaUndefined undefinedRight)
        {
            throw undefinedRight.Error();
        }

        if (JinjaValues.IsNumber(left) && JinjaValues.IsNumber(right))
        {
            return left is double || right is double
                ? FloatOp(op, JinjaValues.ToDouble(left), JinjaValues.ToDouble(right))
                : IntOp(op, JinjaValues.ToLong(left), JinjaValues.ToLong(right));
        }

        return (op, left, right) switch
        {
            ("+", string a, string b) => Sized(budget, (long)a.Length + b.Length, () => a + b),
            ("+", JinjaList a, JinjaList b) when a.Kind == b.Kind && !a.IsView => Sized(budget, (long)a.Count + b.Count, () => new JinjaList([.. a, .. b], a.Kind)),
            ("*", string s, bool or long) => Repeat(budget, s, JinjaValues.ToLong(right)),
            ("*", bool or long, string s) => Repeat(budget, s, JinjaValues.ToLong(left)),
            ("*", JinjaList list, bool or long) when !list.IsView => RepeatList(budget, list, JinjaValues.ToLong(right)),
            ("*", bool or long, JinjaList list) when !list.IsView => RepeatList(budget, list, JinjaValues.ToLong(left)),
            ("%", string format, _) => PyFormat.Printf(format, right, budget),
            ("+", string, _) => throw Error($"can only concatenate str (not \"{JinjaValues.TypeName(right)}\") to str"),
            ("+", JinjaList { Kind: JinjaListKind.List }, _) => throw Error($"can only concatenate list (not \"{JinjaValues.TypeName(right)}\") to list"),
            _ => throw Error($"unsupported operand type(s) for {op}: '{JinjaValues.TypeName(left)}' and '{JinjaValues.TypeName(right)}'"),
        };
    }

    // Each arm is cast to object: otherwise C# would type the switch as double and turn every int into a float.
    private static object IntOp(string op, long a, long b) => op switch
    {
        "+" => (object)Checked(() => checked(a + b)),
        "-" => (object)Checked(() => checked(a - b)),
        "*" => (object)Checked(() => checked(a * b)),
        "/" => b == 0 ? throw Error("division by zero") : (object)((double)a / b),
        "//" => b == 0 ? throw Error("integer division or modulo by zero") : (object)Checked(() => FloorDiv(a, b)),
        "%" => b == 0 ? throw Error("integer division or modulo by zero") : (object)Modulo(a, b),
        "**" => b < 0 ? (object)FloatOp("**", a, b) : (object)Checked(() => Power(a, b)),
        _ => throw Error($"unknown operator {op}"),
    };

    private static long Modulo(long a, long b)
    {
        if (b == -1)
        {
            return 0;
        }

        var remainder = a % b;
        return remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder;
    }

    private static double FloatOp(string op, double a, double b)
    {
        switch (op)
        {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/": return b == 0 ? throw Error("float division by zero") : a / b;
            case "//": return b == 0 ? throw Error("float floor division by zero") : PyFloat.DivMod(a, b).Quotient;
            case "%": return b == 0 ? throw Error("float modulo") : PyFloat.DivMod(a, b).Remainder;
            case "**":
                if (a == 0 && b < 0)
                {
                    throw Error("0.0 cannot be raised to a negative power");
                }

                if (a < 0 && b != Math.Floor(b))
                {
                    throw Error("a negative number raised to a fractional power is a complex number, which templates do not support");
                }

                return Math.Pow(a, b);
            default:
                throw Error($"unknown operator {op}");
        }
    }

    private static long FloorDiv(long a, long b)
    {
        var quotient = checked(a / b);
        return (a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }

    private static long Power(long value, long exponent)
    {
        long result = 1;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
            {
                result = checked(result * value);
            }

            exponent >>= 1;
            if (exponent > 0)
            {
                value = checked(value * value);
            }
        }

        return result;
    }

    private static string Repeat(JinjaBudget budget, string text, long times)
    {
        if (times <= 0 || text.Length == 0)
        {
            return "";
        }

        budget.EnsureSize(text.Length * Math.Min(times, int.MaxValue));
        budget.CountChars(text.Length * times);
        return string.Concat(Enumerable.Repeat(text, (int)times));
    }

    private static JinjaList RepeatList(JinjaBudget budget, JinjaList list, long times)
    {
        if (times <= 0 || list.Count == 0)
        {
            return new JinjaList([], list.Kind);
        }

        budget.EnsureSize(list.Count * Math.Min(times, int.MaxValue));
        budget.CountWork(list.Count * times);
        return new JinjaList([.. Enumerable.Repeat(list, (int)times).SelectMany(l => l)], list.Kind);
    }

    private static T Sized<T>(JinjaBudget budget, long size, Func<T> build)
    {
        budget.EnsureSize(size);
        budget.CountChars(size);
        return build();
    }

    private static long Checked(Func<long> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            throw Error("integer overflow: template integers are 64-bit here");
        }
    }

    private static JinjaException Error(string message) => new(JinjaErrorKind.Runtime, message);
}
