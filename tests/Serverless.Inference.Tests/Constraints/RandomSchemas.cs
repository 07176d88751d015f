using System.Text.Json.Nodes;

namespace Serverless.Inference.Tests.Constraints;

/// <summary>
/// Random schemas in the supported subset: nested objects (strict or with free keys), arrays with item bounds,
/// enums and consts of any JSON values, bounded and unbounded numbers and integers, nullable type lists, anyOf,
/// and references into <c>$defs</c>, one of them recursive.
/// </summary>
internal sealed class RandomSchemas(Random random)
{
    private const int MaxDepth = 3;

    private static readonly string[] Words = ["id", "name", "value", "tags", "count", "kind", "items", "score", "label", "meta", "x", "café", "a b", "q\"uote"];

    private JsonObject definitions = [];

    public JsonObject Next()
    {
        definitions = [];
        var root = Object(0);
        if (definitions.Count > 0)
        {
            root["$defs"] = definitions;
        }

        return root;
    }

    private JsonNode Value(int depth)
    {
        var choice = random.Next(depth >= MaxDepth ? 9 : 13);
        return choice switch
        {
            0 => new JsonObject { ["type"] = "string" },
            1 => Integer(),
            2 => Number(),
            3 => new JsonObject { ["type"] = "boolean" },
            4 => new JsonObject { ["type"] = new JsonArray("string", "null") },
            5 => new JsonObject { ["enum"] = new JsonArray([.. Pick(Words, random.Next(1, 5)).Select(w => (JsonNode)w)]) },
            6 => new JsonObject { ["enum"] = new JsonArray(1, "two", null, true, 3.5, new JsonObject { ["k"] = new JsonArray(1, 2) }) },
            7 => new JsonObject { ["const"] = random.Next(2) == 0 ? "fixed" : new JsonObject { ["k"] = new JsonArray(1, "x", null) } },
            8 => new JsonObject { ["type"] = new JsonArray("integer", "null"), ["minimum"] = -3, ["maximum"] = 3 },
            9 => Array(depth),
            10 => Object(depth + 1),
            11 => new JsonObject { ["anyOf"] = new JsonArray(Value(depth + 1), Value(depth + 1)) },
            _ => Reference(depth),
        };
    }

    private JsonObject Object(int depth)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var name in Pick(Words, random.Next(depth == 0 ? 1 : 0, 5)))
        {
            properties[name] = Value(depth);
            if (random.Next(10) < 6)
            {
                required.Add(name);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
        if (random.Next(10) < 8)
        {
            schema["additionalProperties"] = false;
        }

        return schema;
    }

    private JsonObject Array(int depth)
    {
        var schema = new JsonObject { ["type"] = "array", ["items"] = Value(depth + 1) };
        var min = random.Next(3);
        if (random.Next(2) == 0)
        {
            schema["minItems"] = min;
        }

        if (random.Next(2) == 0)
        {
            schema["maxItems"] = min + random.Next(4);
        }

        return schema;
    }

    private JsonObject Integer()
    {
        var schema = new JsonObject { ["type"] = "integer" };
        var low = random.Next(-1000, 1000);
        switch (random.Next(4))
        {
            case 0:
                schema["minimum"] = low;
                schema["maximum"] = low + random.Next(0, 50);
                break;
            case 1:
                schema["exclusiveMinimum"] = low;
                break;
            case 2:
                schema["maximum"] = low;
                break;
        }

        return schema;
    }

    private JsonObject Number()
    {
        var schema = new JsonObject { ["type"] = "number" };
        var low = Math.Round((random.NextDouble() * 200) - 100, random.Next(3));
        switch (random.Next(4))
        {
            case 0:
                schema["minimum"] = low;
                schema["maximum"] = low + Math.Round(random.NextDouble() * 5, 2);
                break;
            case 1:
                schema["exclusiveMinimum"] = low;
                schema["exclusiveMaximum"] = low + 1;
                break;
            case 2:
                schema["minimum"] = low;
                break;
        }

        return schema;
    }

    private JsonObject Reference(int depth)
    {
        if (random.Next(2) == 0)
        {
            // A tree: recursion through an array that may stay empty.
            definitions["tree"] ??= new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = new JsonArray("label", "children"),
                ["properties"] = new JsonObject
                {
                    ["label"] = new JsonObject { ["type"] = "string" },
                    ["children"] = new JsonObject { ["type"] = "array", ["maxItems"] = 2, ["items"] = new JsonObject { ["$ref"] = "#/$defs/tree" } },
                },
            };
            return new JsonObject { ["$ref"] = "#/$defs/tree" };
        }

        var name = $"d{definitions.Count}";
        definitions[name] = Value(depth + 1);
        return new JsonObject { ["$ref"] = $"#/$defs/{name}" };
    }

    private IEnumerable<string> Pick(string[] from, int count) => from.OrderBy(_ => random.Next()).Take(count).ToArray();
}
