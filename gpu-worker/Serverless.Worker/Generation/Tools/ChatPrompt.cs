using Serverless.Inference;
using Serverless.OpenAI.Chat;

namespace Serverless.Worker.Generation.Tools;

/// <summary>A chat request as the chat template reads it: its turns, the tools offered, and how the answer is read for calls.</summary>
internal sealed record ChatPrompt(IReadOnlyList<ChatTurn> Turns, IReadOnlyList<ToolFunction> Tools, ToolCalling? Calling)
{
    public static ChatPrompt From(ChatCompletionRequest request)
    {
        var turns = request.Messages!.Select(Turn).ToArray();
        var choice = request.ToolChoice ?? new ToolChoice(ToolChoice.Auto);
        if (request.Tools is not { Count: > 0 } tools || choice.Mode == ToolChoice.None)
        {
            // tool_choice none: the model is not told of tools it may not call.
            return new(turns, [], null);
        }

        var offered = tools.Select(t => new ToolFunction(t.Function!.Name!, t.Function.Description, t.Function.Parameters)).ToArray();
        var callable = choice.Mode == ToolChoice.Function ? [choice.FunctionName!] : offered.Select(t => t.Name).ToArray();
        var calling = new ToolCalling(callable, choice.ForcesCall, choice.Mode != ToolChoice.Function && request.ParallelToolCalls != false);
        return new(turns, offered, calling);
    }

    private static ChatTurn Turn(ChatMessage message) => new(message.Role!, message.Content ?? string.Empty)
    {
        ToolCalls = message.ToolCalls?.Select(c => new ChatToolCall(c.Id!, c.Function!.Name!, c.Function.Arguments!)).ToArray() ?? [],
        ToolCallId = message.ToolCallId,
    };
}
