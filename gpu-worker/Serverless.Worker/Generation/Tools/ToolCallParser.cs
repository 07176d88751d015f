using System.Text.Json;

namespace Serverless.Worker.Generation.Tools;

/// <summary>
/// Reads tool calls from a model's output in the forms models are trained to write: one or more
/// <c>&lt;tool_call&gt;{"name": …, "arguments": …}&lt;/tool_call&gt;</c> blocks (Hermes, Qwen and the built-in templates),
/// a bare JSON call or array of calls (what forced calls generate; Llama 3.1 after <c>&lt;|python_tag|&gt;</c>, with
/// <c>parameters</c>), or Mistral's <c>[TOOL_CALLS]</c> array. The output must open with the call: text before it
/// means an answer, so streamed text never has to be taken back.
/// </summary>
internal static class ToolCallParser
{
    private const string TagOpen = "<tool_call>";
    private const string TagClose = "</tool_call>";
    private static readonly string[] Prefixes = ["<|python_tag|>", "[TOOL_CALLS]"];
    private static readonly string[] Openers = [TagOpen, .. Prefixes, "{", "["];

    /// <summary>Whether output that begins so could still be a call (an answer's text is then held back while streaming).</summary>
    public static bool MayBeCall(string output)
    {
        var start = output.AsSpan().TrimStart();
        foreach (var opener in Openers)
        {
            if (start.StartsWith(opener, StringComparison.Ordinal) || opener.AsSpan().StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The calls the whole output makes, or null when it is not (only) calls of the offered functions.</summary>
    public static IReadOnlyList<ParsedToolCall>? Parse(string output, ToolCalling calling)
    {
        var text = output.Trim();
        foreach (var prefix in Prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..].TrimStart();
            }
        }

        var calls = text.StartsWith(TagOpen, StringComparison.Ordinal) ? ParseTagged(text, calling) : ParseJson(text, calling);
        if (calls is null or { Count: 0 })
        {
            return null;
        }

        return calling.AllowMultiple || calls.Count == 1 ? calls : calls.Take(1).ToArray();
    }

    private static List<ParsedToolCall>? ParseTagged(string text, ToolCalling calling)
    {
        var calls = new List<ParsedToolCall>();
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            if (!rest.StartsWith(TagOpen, StringComparison.Ordinal))
            {
                return null;
            }

            rest = rest[TagOpen.Length..];
            var close = rest.IndexOf(TagClose, StringComparison.Ordinal);

            // A model that stops at its end token may leave the last block unclosed.
            var body = close < 0 ? rest : rest[..close];
            if (ParseJson(body.ToString(), calling) is not { Count: 1 } one)
            {
                return null;
            }

            calls.Add(one[0]);
            rest = close < 0 ? [] : rest[(close + TagClose.Length)..].TrimStart();
        }

        return calls;
    }

    private static List<ParsedToolCall>? ParseJson(string text, ToolCalling calling)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return Call(root, calling) is { } call ? [call] : null;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var calls = new List<ParsedToolCall>();
            foreach (var item in root.EnumerateArray())
            {
                if (Call(item, calling) is not { } call)
                {
                    return null;
                }

                calls.Add(call);
            }

            return calls;
        }
    }

    /// <summary><c>{"name": …, "arguments": {…}}</c>; <c>parameters</c> for arguments, or arguments as a JSON text, as some models write them.</summary>
    private static ParsedToolCall? Call(JsonElement element, ToolCalling calling)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || !calling.Names.Contains(name.GetString()!))
        {
            return null;
        }

        if (!element.TryGetProperty("arguments", out var arguments) && !element.TryGetProperty("parameters", out arguments))
        {
            return null;
        }

        return arguments.ValueKind switch
        {
            JsonValueKind.Object => new ParsedToolCall(name.GetString()!, arguments.GetRawText()),
            JsonValueKind.String when IsObjectText(arguments.GetString()!) => new ParsedToolCall(name.GetString()!, arguments.GetString()!),
            _ => null,
        };
    }

    private static bool IsObjectText(string text)
    {
        try
        {
            using var parsed = JsonDocument.Parse(text);
            return parsed.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
