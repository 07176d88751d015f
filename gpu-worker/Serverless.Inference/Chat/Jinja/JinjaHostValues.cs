using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// Copies render globals into template values. Only plain data crosses: nothing of a .NET object other than
/// these value kinds is ever visible to a template, so there is nothing to reflect into.
/// </summary>
internal static class JinjaHostValues
{
    public static object? Convert(object? value, JinjaLimits limits) => Convert(value, limits, 0);

    private static object? Convert(object? value, JinjaLimits limits, int depth)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (depth > limits.MaxNestingDepth)
        {
            throw JinjaBudget.Exceeded($"a value passed to the template nests more than {limits.MaxNestingDepth} deep");
        }

        switch (value)
        {
            case null or string or bool or long or double or JinjaUndefined:
                return value;
            case int or short or byte or sbyte or ushort or uint:
                return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong big:
                return big <= long.MaxValue ? (long)big : (double)big;
            case float or decimal:
                return System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case JsonElement element:
                return FromJson(element, limits, depth);
            case JsonNode node:
                return FromJson(node, limits, depth);
            case JinjaList or JinjaDict:
                return value;
            case IReadOnlyDictionary<string, object?> dict:
                return new JinjaDict(dict.Select(p => new KeyValuePair<object?, object?>(p.Key, Convert(p.Value, limits, depth + 1))));
            case IDictionary dict:
                var pairs = new List<KeyValuePair<object?, object?>>(dict.Count);
                for (var entries = dict.GetEnumerator(); entries.MoveNext();)
                {
                    pairs.Add(new(entries.Key as string ?? throw Unsupported(entries.Key), Convert(entries.Value, limits, depth + 1)));
                }

                return new JinjaDict(pairs);
            case IEnumerable items:
                return new JinjaList([.. items.Cast<object?>().Select(item => Convert(item, limits, depth + 1))]);
            default:
                throw Unsupported(value);
        }
    }

    private static object? FromJson(JsonElement element, JinjaLimits limits, int depth) => element.ValueKind switch
    {
        JsonValueKind.Object => new JinjaDict(element.EnumerateObject().Select(p => new KeyValuePair<object?, object?>(p.Name, Convert(p.Value, limits, depth + 1)))),
        JsonValueKind.Array => new JinjaList([.. element.EnumerateArray().Select(item => Convert(item, limits, depth + 1))]),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => Number(element),
        _ => null,
    };

    private static object? FromJson(JsonNode node, JinjaLimits limits, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                return new JinjaDict(obj.Select(p => new KeyValuePair<object?, object?>(p.Key, Convert(p.Value, limits, depth + 1))));
            case JsonArray array:
                return new JinjaList([.. array.Select(item => Convert(item, limits, depth + 1))]);
            default:
                // A JsonValue may wrap any .NET value; its JSON text is what counts, as Python's json.loads would see it.
                using (var document = JsonDocument.Parse(node.ToJsonString()))
                {
                    return FromJson(document.RootElement, limits, depth);
                }
        }
    }

    /// <summary>An integer literal becomes an int and anything with a fraction or exponent a float, as <c>json.loads</c> does.</summary>
    private static object Number(JsonElement element)
    {
        var raw = element.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") < 0 && element.TryGetInt64(out var integer))
        {
            return integer;
        }

        // Python reads 1e400 as inf; System.Text.Json refuses to, so the text is parsed here.
        return element.TryGetDouble(out var number) ? number : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static JinjaException Unsupported(object? value) =>
        new(JinjaErrorKind.Runtime, $"a template cannot be given a value of type {value?.GetType().Name ?? "null"}");
}
