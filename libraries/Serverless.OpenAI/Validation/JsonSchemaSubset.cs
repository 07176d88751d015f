using System.Text.Json;

namespace Serverless.OpenAI.Validation;

/// <summary>
/// The JSON Schema keywords constrained decoding follows (OpenAI's structured-outputs subset): anything else in a
/// schema the answer must satisfy is refused up front, so no request is admitted that the worker would refuse.
/// </summary>
public static class JsonSchemaSubset
{
    private static readonly HashSet<string> Supported =
    [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "$ref", "$defs", "definitions",
    ];

    private static readonly HashSet<string> Annotations =
    [
        "title", "description", "default", "examples", "$schema", "$id", "$comment", "deprecated", "readOnly", "writeOnly",
    ];

    private static readonly HashSet<string> Types = ["object", "array", "string", "number", "integer", "boolean", "null"];

    /// <summary>The first keyword outside the subset and its JSON pointer (<c>#/properties/zip</c>), or null when the whole schema is inside it.</summary>
    public static (string Keyword, string Path)? FirstUnsupported(JsonElement schema) => Walk(schema, "#", depth: 0);

    private static (string Keyword, string Path)? Walk(JsonElement schema, string path, int depth)
    {
        if (schema.ValueKind is JsonValueKind.True)
        {
            return null;
        }

        if (schema.ValueKind is JsonValueKind.False)
        {
            // A schema nothing satisfies cannot be generated.
            return ("false", path);
        }

        if (schema.ValueKind != JsonValueKind.Object || depth > 64)
        {
            return ("(not a schema)", path);
        }

        foreach (var property in schema.EnumerateObject())
        {
            var here = $"{path}/{Escape(property.Name)}";
            if (Annotations.Contains(property.Name))
            {
                continue;
            }

            if (!Supported.Contains(property.Name))
            {
                return (property.Name, here);
            }

            var found = property.Name switch
            {
                "properties" or "$defs" or "definitions" => WalkMembers(property.Value, here, depth),
                "items" when property.Value.ValueKind == JsonValueKind.Array => ("items (the tuple form)", here),
                "additionalProperties" when property.Value.ValueKind == JsonValueKind.False => null,
                "items" or "additionalProperties" => Walk(property.Value, here, depth + 1),
                "required" => CheckRequired(schema, property.Value, here),
                "anyOf" => WalkItems(property.Value, here, depth),
                "type" => CheckType(property.Value, here),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static (string, string)? WalkMembers(JsonElement members, string path, int depth)
    {
        if (members.ValueKind != JsonValueKind.Object)
        {
            return ("(not an object)", path);
        }

        foreach (var member in members.EnumerateObject())
        {
            if (Walk(member.Value, $"{path}/{Escape(member.Name)}", depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static (string, string)? WalkItems(JsonElement items, string path, int depth)
    {
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            return ("(not a non-empty array)", path);
        }

        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (Walk(item, $"{path}/{i++}", depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Every required name must be a declared property: the grammar writes only declared ones, in order.</summary>
    private static (string, string)? CheckRequired(JsonElement schema, JsonElement required, string path)
    {
        if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
        {
            return ("required (not an array of names)", path);
        }

        var declared = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        return required.EnumerateArray().Select(n => n.GetString()!).FirstOrDefault(n => !declared.Contains(n)) is { } undeclared
            ? ($"required '{undeclared}' (not among the properties)", path)
            : null;
    }

    private static (string, string)? CheckType(JsonElement type, string path)
    {
        var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().ToArray() : [type];
        return names.Length > 0 && names.All(n => n.ValueKind == JsonValueKind.String && Types.Contains(n.GetString()!))
            ? null
            : ($"type {type.GetRawText()}", path);
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
