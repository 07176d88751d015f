using System.Globalization;
using System.Text.Json;

namespace Serverless.Infra.Tests.Arm;

/// <summary>
/// Helpers over evaluated template values: <see langword="null"/>, <see cref="string"/>, <see cref="long"/>,
/// <see cref="bool"/>, <see cref="List{T}"/> of values, <see cref="Dictionary{TKey,TValue}"/> (case-insensitive keys)
/// and <see cref="ArmUnknown"/>.
/// </summary>
internal static class ArmValues
{
    /// <summary>A new object value; property names are case-insensitive as in ARM.</summary>
    public static Dictionary<string, object?> NewObject() => new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The value as text, as <c>string()</c> and <c>format()</c> render it.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        ArmUnknown u => u.ToString(),
        _ => JsonSerializer.Serialize(Plain(value)),
    };

    /// <summary>Whether two values are equal the way <c>equals()</c> compares them.</summary>
    public static bool DeepEquals(object? a, object? b) => JsonSerializer.Serialize(Plain(a)) == JsonSerializer.Serialize(Plain(b));

    /// <summary>Whether a value is empty the way <c>empty()</c> sees it.</summary>
    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        List<object?> list => list.Count == 0,
        Dictionary<string, object?> obj => obj.Count == 0,
        _ => false,
    };

    /// <summary>The value at a dotted path (<c>properties.siteConfig.appSettings</c>), or <see langword="null"/> when a step is missing.</summary>
    public static object? At(object? value, string path)
    {
        foreach (var step in path.Split('.'))
        {
            if (value is not Dictionary<string, object?> obj || !obj.TryGetValue(step, out value))
            {
                return null;
            }
        }

        return value;
    }

    /// <summary>The items of an array value (none when it is missing).</summary>
    public static IReadOnlyList<object?> Items(object? value) => value as List<object?> ?? [];

    private static object? Plain(object? value) => value switch
    {
        ArmUnknown u => u.ToString(),
        List<object?> list => list.Select(Plain).ToList(),
        Dictionary<string, object?> obj => obj.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(p => p.Key, p => Plain(p.Value)),
        _ => value,
    };
}
