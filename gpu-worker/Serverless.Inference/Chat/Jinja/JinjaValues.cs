using System.Runtime.CompilerServices;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// Python semantics of template values. The value kinds are: null (None), <see cref="JinjaUndefined"/>, bool,
/// long (int), double (float), string, <see cref="JinjaList"/>, <see cref="JinjaDict"/>, <see cref="JinjaNamespace"/>,
/// <see cref="JinjaIterator"/>, <see cref="JinjaLoop"/>, <see cref="JinjaMacro"/> and <see cref="JinjaFunction"/>.
/// </summary>
internal static partial class JinjaValues
{
    /// <summary>Python's <c>type(x).__name__</c>.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        JinjaUndefined => "Undefined",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        JinjaList list => list.Kind switch
        {
            JinjaListKind.Tuple => "tuple",
            JinjaListKind.DictKeys => "dict_keys",
            JinjaListKind.DictValues => "dict_values",
            JinjaListKind.DictItems => "dict_items",
            _ => "list",
        },
        JinjaDict => "dict",
        JinjaNamespace => "Namespace",
        JinjaIterator iterator => iterator.TypeName,
        JinjaLoop => "LoopContext",
        JinjaMacro => "Macro",
        JinjaFunction => "builtin_function_or_method",
        _ => value.GetType().Name,
    };

    /// <summary>jinja2's <c>object_type_repr</c>, used in undefined messages: "dict object", "None".</summary>
    public static string ObjectTypeRepr(object? value) => value is null ? "None" : $"{TypeName(value)} object";

    /// <summary>Python's <c>bool(x)</c>.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null or JinjaUndefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        JinjaList list => list.Count > 0,
        JinjaDict dict => dict.Count > 0,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is bool or long or double;

    /// <summary>An int in Python's sense, which includes bool.</summary>
    public static bool IsInteger(object? value) => value is bool or long;

    public static long ToLong(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        _ => throw new InvalidOperationException("not an int"),
    };

    public static double ToDouble(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        double d => d,
        _ => throw new InvalidOperationException("not a number"),
    };

    /// <summary>Python's <c>hash(x)</c> up to consistency with <see cref="PyEquals"/>; lists and dicts cannot be keys.</summary>
    public static int Hash(object? value)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case null:
                return 0;
            case bool or long:
                return ToLong(value).GetHashCode();
            case double d:
                return d == Math.Floor(d) && Math.Abs(d) < 9.2e18 ? ((long)d).GetHashCode() : d.GetHashCode();
            case string s:
                return s.GetHashCode(StringComparison.Ordinal);
            case JinjaList { Kind: JinjaListKind.Tuple } tuple:
                var hash = new HashCode();
                foreach (var item in tuple)
                {
                    hash.Add(Hash(item));
                }

                return hash.ToHashCode();
            case JinjaUndefined:
                return 1;
            case JinjaList or JinjaDict:
                throw new JinjaException(JinjaErrorKind.Runtime, $"unhashable type: '{TypeName(value)}'");
            default:
                return RuntimeHelpers.GetHashCode(value);
        }
    }
}
