using System.Text.Json;
using Serverless.Inference.Constraints;
using Serverless.Inference.Constraints.Grammar;
using Serverless.Inference.Constraints.Masking;

namespace Serverless.Inference;

/// <summary>An output grammar a generation must follow: compiled once, immutable and shareable between requests.</summary>
public sealed class JsonConstraint
{
    private static readonly Lazy<JsonConstraint> AnyObjectInstance = new(() => new JsonConstraint(SchemaCompiler.CompileAnyObject()));

    private JsonConstraint(GrammarNode root)
    {
        Root = root;
    }

    /// <summary>Any JSON object (<c>response_format: json_object</c>).</summary>
    public static JsonConstraint AnyObject => AnyObjectInstance.Value;

    internal GrammarNode Root { get; }


    /// <summary>A JSON document valid against <paramref name="schema"/> (<c>response_format: json_schema</c>).</summary>
    /// <exception cref="UnsupportedSchemaException">The schema uses a keyword outside the supported subset.</exception>
    public static JsonConstraint FromSchema(JsonElement schema) => new(SchemaCompiler.Compile(schema));

    /// <summary>
    /// A forced tool call: <c>{"name": ..., "arguments": ...}</c> whose arguments follow the named function's
    /// parameters, or with <paramref name="allowMultiple"/> a JSON array of 1 to 8 of them.
    /// </summary>
    /// <exception cref="UnsupportedSchemaException">A function's parameters use a keyword outside the supported subset.</exception>
    public static JsonConstraint ForToolCalls(IReadOnlyList<ToolFunctionSchema> functions, bool allowMultiple)
    {
        ArgumentNullException.ThrowIfNull(functions);
        if (functions.Count == 0)
        {
            throw new ArgumentException("At least one function is needed.", nameof(functions));
        }

        return new(SchemaCompiler.CompileToolCalls(functions, allowMultiple));
    }
}
