using System.Collections.Concurrent;
using System.Text.Json;
using Serverless.Inference;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Errors;
using Serverless.Worker.Generation.Tools;

namespace Serverless.Worker.Generation;

/// <summary>
/// The grammar a chat answer must follow: the forced tool calls' (their arguments under each function's schema), or
/// <c>response_format</c>'s JSON object or schema; null for free text. Compiled grammars are kept (their token masks
/// are cached with them), keyed by what they were compiled from, up to <see cref="MaxKept"/>.
/// </summary>
internal static class OutputConstraints
{
    /// <summary>Most compiled grammars kept; past it the oldest half is dropped (a grammar and its masks are rebuilt on use).</summary>
    public const int MaxKept = 256;

    private static readonly ConcurrentDictionary<string, (JsonConstraint Constraint, long Used)> Kept = new(StringComparer.Ordinal);
    private static long clock;

    public static (JsonConstraint? Constraint, ApiError? Error) For(ChatCompletionRequest request, ToolCalling? calling)
    {
        try
        {
            if (calling is { Forced: true })
            {
                var functions = request.Tools!.Select(t => t.Function!).Where(f => calling.Names.Contains(f.Name!)).ToArray();
                var key = "tools:" + calling.AllowMultiple + ":" + string.Join('\u0001', functions.Select(f => f.Name + "\u0002" + f.Parameters?.GetRawText()));
                return (Get(key, () => JsonConstraint.ForToolCalls([.. functions.Select(f => new ToolFunctionSchema(f.Name!, f.Parameters))], calling.AllowMultiple)), null);
            }

            return request.ResponseFormat switch
            {
                { Type: ResponseFormat.JsonObject } => (JsonConstraint.AnyObject, null),
                { Type: ResponseFormat.JsonSchemaType, JsonSchema.Schema: { } schema } => (Get("schema:" + schema.GetRawText(), () => JsonConstraint.FromSchema(schema)), null),
                { Type: ResponseFormat.JsonSchemaType } => (JsonConstraint.AnyObject, null),
                _ => (null, null),
            };
        }
        catch (UnsupportedSchemaException e)
        {
            var param = calling is { Forced: true } ? "tools" : "response_format.json_schema.schema";
            return (null, ApiError.InvalidParameter(param, $"Structured outputs do not support this schema: {e.Message}", "unsupported_schema"));
        }
    }

    private static JsonConstraint Get(string key, Func<JsonConstraint> compile)
    {
        var now = Interlocked.Increment(ref clock);
        if (Kept.TryGetValue(key, out var kept))
        {
            Kept[key] = (kept.Constraint, now);
            return kept.Constraint;
        }

        var constraint = compile();
        if (Kept.Count >= MaxKept)
        {
            foreach (var old in Kept.OrderBy(p => p.Value.Used).Take(MaxKept / 2).ToArray())
            {
                Kept.TryRemove(old.Key, out _);
            }
        }

        Kept[key] = (constraint, now);
        return constraint;
    }
}
