using System.Text.Json;
using Serverless.Inference.Constraints.Grammar;

namespace Serverless.Inference.Constraints;

internal sealed partial class SchemaCompiler
{
    private GrammarNode Node(JsonElement schema, string path)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return AnyNode.Instance;
            case JsonValueKind.False:
                throw new UnsupportedSchemaException("false", path, "a schema that accepts nothing cannot be generated");
            case JsonValueKind.Object:
                break;
            default:
                throw new UnsupportedSchemaException("$schema", path, $"a schema must be an object or a boolean, not {schema.ValueKind}");
        }

        var constraints = new List<string>();
        foreach (var keyword in schema.EnumerateObject())
        {
            if (Constraints.Contains(keyword.Name))
            {
                constraints.Add(keyword.Name);
            }
            else if (!Annotations.Contains(keyword.Name))
            {
                throw new UnsupportedSchemaException(keyword.Name, path, "this keyword is not supported by constrained decoding");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Alone("$ref", constraints, path);
            return reference.ValueKind == JsonValueKind.String
                ? Reference(reference.GetString()!, path)
                : throw new UnsupportedSchemaException("$ref", path, "must be a string");
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            Alone("anyOf", constraints, path);
            if (anyOf.ValueKind != JsonValueKind.Array || anyOf.GetArrayLength() == 0)
            {
                throw new UnsupportedSchemaException("anyOf", path, "must be a non-empty array of schemas");
            }

            return Add(new ChoiceNode([.. anyOf.EnumerateArray().Select((option, i) => Node(option, $"{path}/anyOf/{i}"))]));
        }

        var types = Types(schema, path);
        if (schema.TryGetProperty("const", out var constant))
        {
            return Literal([constant], types, "const", path);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return values.ValueKind == JsonValueKind.Array
                ? Literal([.. values.EnumerateArray()], types, "enum", path)
                : throw new UnsupportedSchemaException("enum", path, "must be an array");
        }

        if (types is null)
        {
            return AnyNode.Instance;
        }

        var options = types.Select(type => TypeNode(type, schema, path)).ToArray();
        return options.Length == 1 ? options[0] : Add(new ChoiceNode(options));
    }

    /// <summary>The types named by <c>type</c>, or inferred from the keywords present (OpenAI's schemas name them); null for any value.</summary>
    private static string[]? Types(JsonElement schema, string path)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            string[] names = type.ValueKind switch
            {
                JsonValueKind.String => [type.GetString()!],
                JsonValueKind.Array when type.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String) && type.GetArrayLength() > 0 =>
                    [.. type.EnumerateArray().Select(t => t.GetString()!).Distinct()],
                _ => throw new UnsupportedSchemaException("type", path, "must be a type name or a non-empty array of them"),
            };
            foreach (var name in names)
            {
                if (name is not ("object" or "array" or "string" or "number" or "integer" or "boolean" or "null"))
                {
                    throw new UnsupportedSchemaException("type", path, $"unknown type '{name}'");
                }
            }

            return names;
        }

        bool Has(params string[] keywords) => keywords.Any(k => schema.TryGetProperty(k, out _));
        return Has("properties", "required", "additionalProperties") ? ["object"]
            : Has("items", "minItems", "maxItems") ? ["array"]
            : Has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") ? ["number"]
            : null;
    }

    private GrammarNode TypeNode(string type, JsonElement schema, string path) => type switch
    {
        "object" => ObjectOf(schema, path),
        "array" => ArrayOf(schema, path),
        "string" => StringNode.Instance,
        "number" or "integer" => NumberOf(schema, type == "integer", path),
        "boolean" => Add(LiteralNode.Of(["true"u8.ToArray(), "false"u8.ToArray()])),
        _ => Add(LiteralNode.Of(["null"u8.ToArray()])),
    };

    private GrammarNode ObjectOf(JsonElement schema, string path)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var names))
        {
            if (names.ValueKind != JsonValueKind.Array || names.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
            {
                throw new UnsupportedSchemaException("required", path, "must be an array of property names");
            }

            required.UnionWith(names.EnumerateArray().Select(n => n.GetString()!));
        }

        var properties = new List<Property>();
        if (schema.TryGetProperty("properties", out var declared))
        {
            if (declared.ValueKind != JsonValueKind.Object)
            {
                throw new UnsupportedSchemaException("properties", path, "must be an object");
            }

            foreach (var property in declared.EnumerateObject())
            {
                var key = JsonEncodedText.Encode(property.Name, Encoder).EncodedUtf8Bytes.ToArray();
                var value = Node(property.Value, $"{path}/properties/{Escape(property.Name)}");
                properties.Add(new Property(key, value, required.Remove(property.Name)));
            }
        }

        if (required.Count > 0)
        {
            throw new UnsupportedSchemaException("required", path, $"names '{required.First()}', which properties does not declare");
        }

        GrammarNode? additional = AnyNode.Instance;
        if (schema.TryGetProperty("additionalProperties", out var extra))
        {
            additional = extra.ValueKind == JsonValueKind.False ? null : Node(extra, $"{path}/additionalProperties");
        }

        return Add(new ObjectNode([.. properties], additional));
    }

    private GrammarNode ArrayOf(JsonElement schema, string path)
    {
        GrammarNode items = AnyNode.Instance;
        if (schema.TryGetProperty("items", out var itemSchema))
        {
            items = itemSchema.ValueKind == JsonValueKind.Array
                ? throw new UnsupportedSchemaException("items", path, "the array (tuple) form is not supported")
                : Node(itemSchema, $"{path}/items");
        }

        var min = Count(schema, "minItems", path) ?? 0;
        var max = Count(schema, "maxItems", path) ?? int.MaxValue;
        return min <= max
            ? Add(new ArrayNode(items, min, max))
            : throw new UnsupportedSchemaException("maxItems", path, $"maxItems {max} is below minItems {min}");
    }

    private GrammarNode NumberOf(JsonElement schema, bool integer, string path)
    {
        var minimum = Bound(schema, "minimum", path);
        var maximum = Bound(schema, "maximum", path);
        var (minimumExclusive, maximumExclusive) = (false, false);
        if (schema.TryGetProperty("exclusiveMinimum", out var exclusiveMinimum))
        {
            (minimum, minimumExclusive) = Exclusive(exclusiveMinimum, minimum, "exclusiveMinimum", path, tighterIsLarger: true);
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var exclusiveMaximum))
        {
            (maximum, maximumExclusive) = Exclusive(exclusiveMaximum, maximum, "exclusiveMaximum", path, tighterIsLarger: false);
        }

        if (minimum is null && maximum is null)
        {
            return Add(new NumberNode(integer, range: null));
        }

        var range = NumberRange.Create(minimum, minimumExclusive, maximum, maximumExclusive, integer)
            ?? throw new UnsupportedSchemaException("minimum", path, $"no {(integer ? "integer" : "number")} lies between the bounds (within 15 integer and 6 fraction digits)");
        return Add(new NumberNode(integer, range));
    }

    /// <summary>
    /// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>: a number is its own exclusive bound (the tighter of it and the
    /// inclusive one wins); draft 4's boolean makes the inclusive bound exclusive.
    /// </summary>
    private static (decimal? Bound, bool Exclusive) Exclusive(JsonElement value, decimal? inclusive, string keyword, string path, bool tighterIsLarger)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return (inclusive, value.ValueKind == JsonValueKind.True && inclusive is not null);
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var exclusive))
        {
            throw new UnsupportedSchemaException(keyword, path, "must be a number");
        }

        if (inclusive is { } other && (tighterIsLarger ? other > exclusive : other < exclusive))
        {
            return (other, false);
        }

        return (exclusive, true);
    }

    private static decimal? Bound(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var bound)
            ? bound
            : throw new UnsupportedSchemaException(keyword, path, "must be a number within ±7.9e28");
    }

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw new UnsupportedSchemaException(keyword, path, "must be a non-negative integer");
    }

    /// <summary>An enum or const, keeping only the values of the listed types (if any).</summary>
    private GrammarNode Literal(JsonElement[] values, string[]? types, string keyword, string path)
    {
        var kept = values.Where(v => types is null || types.Any(t => IsOfType(v, t))).Select(Serialize).ToArray();
        return kept.Length > 0
            ? Add(LiteralNode.Of(kept))
            : throw new UnsupportedSchemaException(keyword, path, "no value is allowed (empty, or none of the schema's type)");
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => value.ValueKind == JsonValueKind.Null,
    };

    /// <summary>Only annotations may sit beside <paramref name="keyword"/>: this subset does not combine it with other constraints.</summary>
    private static void Alone(string keyword, List<string> constraints, string path)
    {
        if (constraints.Count > 1)
        {
            throw new UnsupportedSchemaException(keyword, path, $"combining it with {string.Join(", ", constraints.Where(c => c != keyword))} is not supported");
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
