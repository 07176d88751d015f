using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Errors;

namespace Serverless.OpenAI.Validation;

/// <summary>OpenAI's rules for <c>tools</c>, <c>tool_choice</c>, <c>parallel_tool_calls</c>, <c>response_format</c> and the tool turns of a conversation.</summary>
internal static partial class ChatToolsValidator
{
    /// <summary>Most tools one request may offer (OpenAI's limit).</summary>
    public const int MaxTools = 128;

    public static ApiError? Validate(ChatCompletionRequest request) =>
        ValidateTools(request.Tools)
        ?? ValidateChoice(request)
        ?? ValidateResponseFormat(request.ResponseFormat)
        ?? ValidateToolTurns(request.Messages!);

    private static ApiError? ValidateTools(IReadOnlyList<ChatTool>? tools)
    {
        if (tools is null)
        {
            return null;
        }

        if (tools.Count > MaxTools)
        {
            return ApiError.InvalidParameter("tools", $"At most {MaxTools} tools may be given.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            if (tool?.Type != "function")
            {
                return ApiError.InvalidParameter($"tools[{i}].type", "Each tool must have type 'function'.");
            }

            if (tool.Function is not { } function)
            {
                return ApiError.InvalidParameter($"tools[{i}].function", "You must provide the 'function' of each tool.", "missing_required_parameter");
            }

            if (function.Name is null || !FunctionName().IsMatch(function.Name))
            {
                return ApiError.InvalidParameter($"tools[{i}].function.name", "A function name must be 1 to 64 letters, digits, underscores or dashes.");
            }

            if (!names.Add(function.Name))
            {
                return ApiError.InvalidParameter($"tools[{i}].function.name", $"The function name '{function.Name}' is given twice.");
            }

            if (function.Parameters is { ValueKind: not JsonValueKind.Object })
            {
                return ApiError.InvalidParameter($"tools[{i}].function.parameters", "A function's parameters must be a JSON schema object.");
            }
        }

        return null;
    }

    private static ApiError? ValidateChoice(ChatCompletionRequest request)
    {
        var tools = request.Tools;
        if (tools is null or { Count: 0 })
        {
            return request.ToolChoice is not null
                ? ApiError.InvalidParameter("tool_choice", "tool_choice is only allowed when tools are specified.")
                : request.ParallelToolCalls is not null
                    ? ApiError.InvalidParameter("parallel_tool_calls", "parallel_tool_calls is only allowed when tools are specified.")
                    : null;
        }

        if (request.ToolChoice is { Mode: ToolChoice.Function, FunctionName: var name } && !tools.Any(t => t.Function!.Name == name))
        {
            return ApiError.InvalidParameter("tool_choice", $"The function '{name}' is not among the tools.");
        }

        if (request.ToolChoice is not { ForcesCall: true } choice)
        {
            return null;
        }

        // A forced call's arguments are generated under their schema, so each schema that can be chosen must be one the decoder follows.
        for (var i = 0; i < tools.Count; i++)
        {
            var function = tools[i].Function!;
            if ((choice.Mode == ToolChoice.Required || function.Name == choice.FunctionName)
                && function.Parameters is { } parameters
                && JsonSchemaSubset.FirstUnsupported(parameters) is var (keyword, path))
            {
                return Unsupported($"tools[{i}].function.parameters", keyword, path);
            }
        }

        return null;
    }

    private static ApiError? ValidateResponseFormat(ResponseFormat? format)
    {
        switch (format?.Type)
        {
            case null when format is null:
            case ResponseFormat.Text:
            case ResponseFormat.JsonObject:
                return null;
            case ResponseFormat.JsonSchemaType:
                break;
            default:
                return ApiError.InvalidParameter("response_format.type", "response_format.type must be 'text', 'json_object' or 'json_schema'.");
        }

        if (format.JsonSchema is not { } schema)
        {
            return ApiError.InvalidParameter("response_format.json_schema", "You must provide 'json_schema' when the type is 'json_schema'.", "missing_required_parameter");
        }

        if (schema.Name is null || !FunctionName().IsMatch(schema.Name))
        {
            return ApiError.InvalidParameter("response_format.json_schema.name", "A schema name must be 1 to 64 letters, digits, underscores or dashes.");
        }

        if (schema.Schema is not { } body)
        {
            return null;
        }

        if (body.ValueKind is not (JsonValueKind.Object or JsonValueKind.True))
        {
            return ApiError.InvalidParameter("response_format.json_schema.schema", "The schema must be a JSON schema object.");
        }

        return JsonSchemaSubset.FirstUnsupported(body) is var (keyword, path)
            ? Unsupported("response_format.json_schema.schema", keyword, path)
            : null;
    }

    /// <summary>Assistant tool calls must be whole, and every tool result must answer a call made earlier in the conversation.</summary>
    private static ApiError? ValidateToolTurns(IReadOnlyList<ChatMessage> messages)
    {
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.ToolCalls is { } calls)
            {
                if (message.Role != "assistant")
                {
                    return ApiError.InvalidParameter($"messages[{i}].tool_calls", "Only assistant messages may have tool_calls.");
                }

                for (var c = 0; c < calls.Count; c++)
                {
                    var param = $"messages[{i}].tool_calls[{c}]";
                    if (calls[c] is not { Id: { Length: > 0 } id, Type: "function", Function: { Name: { Length: > 0 }, Arguments: not null } })
                    {
                        return ApiError.InvalidParameter(param, "A tool call needs an id, type 'function' and a function with a name and arguments.");
                    }

                    callIds.Add(id);
                }
            }

            if (message.Role != "tool")
            {
                continue;
            }

            if (string.IsNullOrEmpty(message.ToolCallId))
            {
                return ApiError.InvalidParameter($"messages[{i}].tool_call_id", "A tool message must say which call it answers.", "missing_required_parameter");
            }

            if (!callIds.Contains(message.ToolCallId))
            {
                return ApiError.InvalidParameter(
                    $"messages[{i}].tool_call_id",
                    $"A tool message must answer a call of an earlier assistant message; no call has id '{message.ToolCallId}'.");
            }
        }

        return null;
    }

    private static ApiError Unsupported(string param, string keyword, string path) =>
        ApiError.InvalidParameter(param, $"The schema uses '{keyword}' at {path}, which structured outputs do not support.", "unsupported_schema");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();
}
