using Serverless.Inference.Chat.Jinja;

namespace Serverless.Inference.Chat;

/// <summary>
/// A model's own chat template (the <c>chat_template</c> of its tokenizer_config.json), rendered the way
/// Hugging Face's <c>apply_chat_template</c> renders it, ending with the assistant's cue. A template that reads
/// <c>tools</c> gets them (and the turns' <c>tool_calls</c>) as Hugging Face passes them; one that does not gets
/// them folded into the turns' text (<see cref="ToolPrompt"/>), so the model still sees them.
/// </summary>
internal sealed class JinjaChatTemplate(JinjaTemplate template, string? bosToken, string? eosToken) : IChatTemplate
{
    private readonly bool readsTools = template.Source.Contains("tools", StringComparison.Ordinal);

    public string Render(IReadOnlyList<ChatTurn> turns) => Render(turns, []);

    public string Render(IReadOnlyList<ChatTurn> turns, IReadOnlyList<ToolFunction> tools)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(tools);
        if (!readsTools)
        {
            return Render(ToolPrompt.Fold(turns, tools).Select(Message).ToList());
        }

        return Render(turns.Select(Message).ToList(), tools.Count == 0 ? null : tools.Select(t => (object?)ToolPrompt.Describe(t)).ToList());
    }

    /// <summary>
    /// Renders messages of any shape (tool calls, tool results) and, for tool calling, the tools' JSON schemas.
    /// Like Hugging Face, <c>tools</c> and <c>documents</c> are none rather than undefined when not given.
    /// </summary>
    public string Render(
        IReadOnlyList<IReadOnlyDictionary<string, object?>> messages, IReadOnlyList<object?>? tools = null, bool addGenerationPrompt = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var globals = new Dictionary<string, object?>
        {
            ["messages"] = messages,
            ["tools"] = tools,
            ["documents"] = null,
            ["add_generation_prompt"] = addGenerationPrompt,
            ["bos_token"] = bosToken ?? "",
            ["eos_token"] = eosToken ?? "",
        };
        return template.Render(globals);
    }

    /// <summary>
    /// A turn as a message dict. Calls carry their arguments as an object, not OpenAI's JSON text, since templates
    /// write them with <c>tojson</c> (as vLLM and transformers pass them).
    /// </summary>
    private static IReadOnlyDictionary<string, object?> Message(ChatTurn turn)
    {
        var message = new Dictionary<string, object?> { ["role"] = turn.Role, ["content"] = turn.Content };
        if (turn.ToolCalls.Count > 0)
        {
            message["tool_calls"] = turn.ToolCalls.Select(call => (object?)new Dictionary<string, object?>
            {
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new Dictionary<string, object?> { ["name"] = call.Name, ["arguments"] = ToolPrompt.ParseArguments(call.Arguments) ?? (object)call.Arguments },
            }).ToList();
        }

        if (turn.ToolCallId is not null)
        {
            message["tool_call_id"] = turn.ToolCallId;
        }

        return message;
    }
}
