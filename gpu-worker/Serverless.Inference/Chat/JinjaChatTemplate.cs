using Serverless.Inference.Chat.Jinja;

namespace Serverless.Inference.Chat;

/// <summary>
/// A model's own chat template (the <c>chat_template</c> of its tokenizer_config.json), rendered the way
/// Hugging Face's <c>apply_chat_template</c> renders it, ending with the assistant's cue.
/// </summary>
internal sealed class JinjaChatTemplate(JinjaTemplate template, string? bosToken, string? eosToken) : IChatTemplate
{
    public string Render(IReadOnlyList<ChatTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var messages = turns
            .Select(turn => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["role"] = turn.Role, ["content"] = turn.Content })
            .ToList();
        return Render(messages);
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
}
