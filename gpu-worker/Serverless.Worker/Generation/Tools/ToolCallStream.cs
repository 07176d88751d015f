using Serverless.OpenAI.Chat;

namespace Serverless.Worker.Generation.Tools;

/// <summary>
/// Shapes one streamed choice that may call tools. Text that cannot open a call streams as it comes; output that may be
/// a call is held to its end, then sent as OpenAI streams calls (per call, a delta with its id, type and name and empty
/// arguments, then one with its arguments; the last chunk's finish reason <c>tool_calls</c>), or as text if it was not one.
/// </summary>
internal sealed class ToolCallStream(ToolCalling calling)
{
    private readonly List<ChoiceChunk> held = [];
    private bool streamingText;

    public IEnumerable<ChoiceChunk> Push(ChoiceChunk piece)
    {
        if (streamingText)
        {
            return [piece];
        }

        held.Add(piece);
        var output = string.Concat(held.Select(h => h.Text));
        if (!calling.Forced && !ToolCallParser.MayBeCall(output))
        {
            streamingText = true;
            return [Merged(output, piece)];
        }

        if (piece.FinishReason is null)
        {
            return [];
        }

        if (ToolCallParser.Parse(output, calling) is not { } calls)
        {
            return [Merged(output, piece)];
        }

        var deltas = calls.SelectMany((call, i) => new[]
        {
            new ToolCallDelta(i, ToolCallIds.New(), "function", new FunctionCallDelta(call.Name, string.Empty)),
            new ToolCallDelta(i, null, null, new FunctionCallDelta(null, call.Arguments)),
        });
        var first = held[0];
        return
        [
            new ChoiceChunk(piece.Index, string.Empty, piece.CompletionTokens, null, Logprobs(), first.TextOffset, [.. deltas]),
            new ChoiceChunk(piece.Index, string.Empty, piece.CompletionTokens, piece.FinishReason, null, first.TextOffset, CalledTools: true),
        ];
    }

    /// <summary>Everything held as one piece of text, ending as the last piece ends.</summary>
    private ChoiceChunk Merged(string output, ChoiceChunk last) =>
        new(last.Index, output, last.CompletionTokens, last.FinishReason, Logprobs(), held[0].TextOffset);

    private List<LoggedToken>? Logprobs() =>
        held.Any(h => h.Logprobs is not null) ? held.SelectMany(h => h.Logprobs ?? []).ToList() : null;
}
