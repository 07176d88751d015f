using Serverless.Inference;
using Serverless.OpenAI.Chat;

namespace Serverless.Worker.Generation.Tools;

/// <summary>
/// Shapes one streamed choice that may call tools, into the deltas OpenAI streams: per call, one with its id, type,
/// name and empty arguments, then pieces of its arguments; the last chunk's finish reason <c>tool_calls</c>. Forced
/// calls stream as they are generated (<see cref="ForcedCallReader"/>). When the model chooses, text that cannot
/// open a call streams as it comes; output that may be a call is held to its end, then sent as calls, or as text if
/// it was not one.
/// </summary>
internal sealed class ToolCallStream(ToolCalling calling)
{
    private readonly List<ChoiceChunk> held = [];
    private readonly ForcedCallReader? forced = calling.Forced ? new ForcedCallReader() : null;
    private readonly List<string> ids = [];
    private bool streamingText;

    public IEnumerable<ChoiceChunk> Push(ChoiceChunk piece) => forced is not null ? PushForced(forced, piece) : PushChosen(piece);

    private IEnumerable<ChoiceChunk> PushForced(ForcedCallReader reader, ChoiceChunk piece)
    {
        held.Add(piece);
        var deltas = reader.Push(piece.Text).Select(Delta).ToArray();
        var shaped = new List<ChoiceChunk>();
        if (deltas.Length > 0)
        {
            var offset = held[0].TextOffset;
            shaped.Add(new ChoiceChunk(piece.Index, string.Empty, piece.CompletionTokens, null, Logprobs(), offset, deltas));
        }

        if (piece.FinishReason is { } reason)
        {
            var finished = reason == FinishReason.Stop && ids.Count > 0;
            shaped.Add(new ChoiceChunk(piece.Index, string.Empty, piece.CompletionTokens, reason, Logprobs(), piece.TextOffset, CalledTools: finished));
        }

        return shaped;
    }

    private ToolCallDelta Delta((int Index, string? Name, string Arguments) read)
    {
        if (read.Name is null)
        {
            return new ToolCallDelta(read.Index, null, null, new FunctionCallDelta(null, read.Arguments));
        }

        ids.Add(ToolCallIds.New());
        return new ToolCallDelta(read.Index, ids[read.Index], "function", new FunctionCallDelta(read.Name, read.Arguments));
    }

    private IEnumerable<ChoiceChunk> PushChosen(ChoiceChunk piece)
    {
        if (streamingText)
        {
            return [piece];
        }

        held.Add(piece);
        var output = string.Concat(held.Select(h => h.Text));
        if (!ToolCallParser.MayBeCall(output))
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
        var offset = held[0].TextOffset;
        return
        [
            new ChoiceChunk(piece.Index, string.Empty, piece.CompletionTokens, null, Logprobs(), offset, [.. deltas]),
            new ChoiceChunk(piece.Index, string.Empty, piece.CompletionTokens, piece.FinishReason, null, offset, CalledTools: true),
        ];
    }

    /// <summary>Everything held as one piece of text, ending as the last piece ends.</summary>
    private ChoiceChunk Merged(string output, ChoiceChunk last)
    {
        var offset = held[0].TextOffset;
        return new(last.Index, output, last.CompletionTokens, last.FinishReason, Logprobs(), offset);
    }

    private List<LoggedToken>? Logprobs()
    {
        var logprobs = held.Any(h => h.Logprobs is not null) ? held.SelectMany(h => h.Logprobs ?? []).ToList() : null;
        held.Clear();
        return logprobs;
    }
}
