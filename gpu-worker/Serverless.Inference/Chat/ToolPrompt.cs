using System.Text;
using System.Text.Json;

namespace Serverless.Inference.Chat;

/// <summary>
/// How tools reach a template that has no notion of them (the built-in ones, or a Jinja template that never reads
/// <c>tools</c>): the tools are described in the system turn, and earlier calls are written into the assistant's text
/// in the <c>&lt;tool_call&gt;</c> form the worker parses back.
/// </summary>
internal static class ToolPrompt
{
    public const string CallOpen = "<tool_call>";
    public const string CallClose = "</tool_call>";

    /// <summary>The turns with the tools described in a system turn (the first one, or a new one) and every call written out.</summary>
    public static IReadOnlyList<ChatTurn> Fold(IReadOnlyList<ChatTurn> turns, IReadOnlyList<ToolFunction> tools)
    {
        var folded = turns.Select(WithCallsWritten).ToList();
        if (tools.Count == 0)
        {
            return folded;
        }

        var instructions = Instructions(tools);
        if (folded.Count > 0 && folded[0].Role is "system" or "developer")
        {
            folded[0] = folded[0] with { Content = folded[0].Content + "\n\n" + instructions };
        }
        else
        {
            folded.Insert(0, new ChatTurn("system", instructions));
        }

        return folded;
    }

    /// <summary>What the tools are and how to call one.</summary>
    public static string Instructions(IReadOnlyList<ToolFunction> tools)
    {
        var text = new StringBuilder("# Tools\n\nYou may call the functions described below by these JSON schemas:\n<tools>\n");
        foreach (var tool in tools)
        {
            text.Append(JsonSerializer.Serialize(Describe(tool), ToolPromptJsonContext.Default.DictionaryStringObject)).Append('\n');
        }

        return text
            .Append("</tools>\n\nTo call one, answer with a JSON object that names it and gives its arguments, between ")
            .Append(CallOpen).Append(" and ").Append(CallClose).Append(" tags:\n")
            .Append(CallOpen).Append("\n{\"name\": \"function name\", \"arguments\": {\"argument\": \"value\"}}\n").Append(CallClose)
            .ToString();
    }

    /// <summary>A tool as Hugging Face's templates read it: <c>{"type": "function", "function": {...}}</c>.</summary>
    public static Dictionary<string, object?> Describe(ToolFunction tool)
    {
        var function = new Dictionary<string, object?> { ["name"] = tool.Name };
        if (tool.Description is not null)
        {
            function["description"] = tool.Description;
        }

        function["parameters"] = tool.Parameters;
        return new() { ["type"] = "function", ["function"] = function };
    }

    /// <summary>An assistant turn's calls appended to its text, one tagged JSON object each.</summary>
    private static ChatTurn WithCallsWritten(ChatTurn turn)
    {
        if (turn.ToolCalls.Count == 0)
        {
            return turn;
        }

        var text = new StringBuilder(turn.Content);
        foreach (var call in turn.ToolCalls)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(CallOpen).Append("\n{\"name\": ").Append(JsonSerializer.Serialize(call.Name, ToolPromptJsonContext.Default.String))
                .Append(", \"arguments\": ").Append(ArgumentsJson(call.Arguments)).Append("}\n").Append(CallClose);
        }

        return turn with { Content = text.ToString(), ToolCalls = [] };
    }

    /// <summary>A call's arguments as JSON when they are JSON (models write them so), else null: OpenAI sends them as text.</summary>
    public static JsonElement? ParseArguments(string arguments)
    {
        try
        {
            using var parsed = JsonDocument.Parse(arguments);
            return parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The arguments as written when they are JSON; anything else as a JSON string, so the written call stays JSON.</summary>
    private static string ArgumentsJson(string arguments) =>
        ParseArguments(arguments)?.GetRawText() ?? JsonSerializer.Serialize(arguments, ToolPromptJsonContext.Default.String);
}
