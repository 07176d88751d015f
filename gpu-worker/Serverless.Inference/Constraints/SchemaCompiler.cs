using System.Text.Encodings.Web;
using System.Text.Json;
using Serverless.Inference.Constraints.Grammar;

namespace Serverless.Inference.Constraints;

/// <summary>
/// Compiles a JSON schema in OpenAI's structured-output subset into grammar nodes; any keyword outside it is an
/// <see cref="UnsupportedSchemaException"/> naming the keyword and where it is. Each compiler has one root for
/// <c>$ref</c>.
/// </summary>
internal sealed partial class SchemaCompiler
{
    /// <summary>Keywords that constrain nothing here; <c>strict</c> is OpenAI's flag, which some clients repeat inside the schema.</summary>
    private static readonly HashSet<string> Annotations =
    [
        "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "$schema", "$id", "$comment", "$defs", "definitions", "strict",
    ];

    private static readonly HashSet<string> Constraints =
    [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "$ref",
    ];

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly JsonElement root;
    private readonly Dictionary<string, RefNode> references = new(StringComparer.Ordinal);
    private readonly List<GrammarNode> nodes = [];

    private SchemaCompiler(JsonElement root) => this.root = root;

    public static GrammarNode Compile(JsonElement schema)
    {
        var compiler = new SchemaCompiler(schema);
        var node = compiler.Reference("#", "#");
        Finish(compiler.nodes, node, "#");
        return node;
    }

    public static GrammarNode CompileAnyObject() => AnyNode.Instance.Object;

    public static GrammarNode CompileToolCalls(IReadOnlyList<ToolFunctionSchema> functions, bool allowMultiple)
    {
        var nodes = new List<GrammarNode>();
        var calls = new List<GrammarNode>();
        foreach (var function in functions)
        {
            GrammarNode arguments;
            try
            {
                var compiler = new SchemaCompiler(function.Parameters ?? default);
                arguments = function.Parameters is null ? AnyNode.Instance.Object : compiler.Reference("#", "#");
                nodes.AddRange(compiler.nodes);
            }
            catch (UnsupportedSchemaException e)
            {
                throw e.InFunction(function.Name);
            }

            var name = LiteralNode.Of([JsonSerializer.SerializeToUtf8Bytes(function.Name, SerializerOptions)]);
            var call = new ObjectNode([new Property("name"u8.ToArray(), name, Required: true), new Property("arguments"u8.ToArray(), arguments, Required: true)], additional: null);
            nodes.Add(call);
            calls.Add(call);
        }

        GrammarNode one = calls.Count == 1 ? calls[0] : new ChoiceNode([.. calls]);
        GrammarNode document = allowMultiple ? new ArrayNode(one, 1, 8) : one;
        nodes.Add(one);
        nodes.Add(document);
        try
        {
            Finish(nodes, document, "#");
        }
        catch (UnsupportedSchemaException e)
        {
            throw e.InFunction(string.Join(", ", functions.Select(f => f.Name)));
        }

        return document;
    }

    private static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = Encoder };

    /// <summary>
    /// Works out every node's shortest value (a fixed point, since references may loop), refuses a root with no
    /// finite value, and precomputes the objects' closing paths.
    /// </summary>
    private static void Finish(List<GrammarNode> nodes, GrammarNode document, string path)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var node in nodes)
            {
                var shortest = node.ComputeShortest();
                if (shortest is not null && (node.Shortest is null || shortest.Length < node.Shortest.Length))
                {
                    node.Shortest = shortest;
                    changed = true;
                }
            }
        }
        while (changed);

        if (document.Shortest is null)
        {
            throw new UnsupportedSchemaException("$ref", path, "the schema has no finite instance (a recursion with no way out)");
        }

        foreach (var node in nodes.OfType<ObjectNode>())
        {
            node.Seal();
        }
    }

    private GrammarNode Add(GrammarNode node)
    {
        nodes.Add(node);
        return node;
    }

    /// <summary>The node a local JSON pointer names, compiled once; a reference back into itself gets the same node.</summary>
    private RefNode Reference(string pointer, string path)
    {
        if (references.TryGetValue(pointer, out var known))
        {
            return known;
        }

        if (!pointer.StartsWith('#'))
        {
            throw new UnsupportedSchemaException("$ref", path, $"'{pointer}' is not a local reference (only '#' and '#/...' pointers into this schema are)");
        }

        var target = root;
        foreach (var segment in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(name, out target))
            {
                throw new UnsupportedSchemaException("$ref", path, $"'{pointer}' does not resolve inside this schema");
            }
        }

        var reference = new RefNode();
        references[pointer] = reference;
        Add(reference);
        reference.Target = Node(target, pointer);
        return reference;
    }

    private static byte[] Serialize(JsonElement value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Encoder }))
        {
            value.WriteTo(writer);
        }

        return stream.ToArray();
    }
}
