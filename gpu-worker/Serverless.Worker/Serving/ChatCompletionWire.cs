using System.Text.Json.Serialization.Metadata;
using Serverless.Inference;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Serialization;
using Serverless.Worker.Generation;

namespace Serverless.Worker.Serving;

/// <summary><c>/v1/chat/completions</c>' shapes: a <c>chat.completion</c>, streamed as <c>chat.completion.chunk</c>s.</summary>
internal sealed class ChatCompletionWire : IGenerationWire<ChatCompletion, ChatCompletionChunk>
{
    public static ChatCompletionWire Instance { get; } = new();

    public JsonTypeInfo<ChatCompletion> AnswerType => OpenAIJsonContext.Default.ChatCompletion;

    public JsonTypeInfo<ChatCompletionChunk> ChunkType => OpenAIJsonContext.Default.ChatCompletionChunk;

    public string NewId() => ResponseIds.ChatCompletion();

    public ChatCompletion Answer(ResponseHeader header, IReadOnlyList<ChoiceResult> results, Usage usage) =>
        new(header.Id, header.Created, header.Model, results.Select(Choice).ToArray(), usage);

    /// <summary>A finished choice as <c>choices[i]</c> of a <c>chat.completion</c> (also a job's result).</summary>
    public static ChatChoice Choice(ChoiceResult result) =>
        result.ToolCalls is { } calls
            ? new(result.Index, new AssistantMessage(null, calls), result.FinishReason == FinishReason.Stop ? FinishReasons.ToolCalls : result.FinishReason.ToWire(), WireLogprobs.Chat(result.Logprobs))
            : new(result.Index, new AssistantMessage(result.Text), result.FinishReason.ToWire(), WireLogprobs.Chat(result.Logprobs));

    /// <summary>OpenAI opens every choice with a chunk that names the role and carries empty content.</summary>
    public IEnumerable<ChatCompletionChunk> Opening(ResponseHeader header, IReadOnlyList<ChoiceJob> jobs) =>
        jobs.Select(job => new ChatCompletionChunk(header.Id, header.Created, header.Model, [new ChatChunkChoice(job.Index, new ChatDelta("assistant", string.Empty), null)], null));

    /// <summary>The last piece of a choice may carry only its finish reason: its content is then left out, not empty.</summary>
    public ChatCompletionChunk Chunk(ResponseHeader header, ChoiceChunk piece)
    {
        var delta = piece.ToolCalls is { } calls
            ? new ChatDelta(null, null, calls)
            : new ChatDelta(null, (piece.FinishReason is null || piece.Text.Length > 0) && !piece.CalledTools ? piece.Text : null);
        var finish = piece.CalledTools ? FinishReasons.ToolCalls : piece.FinishReason.ToWire();
        return new(header.Id, header.Created, header.Model, [new ChatChunkChoice(piece.Index, delta, finish, WireLogprobs.Chat(piece.Logprobs))], null);
    }

    public ChatCompletionChunk UsageChunk(ResponseHeader header, Usage usage) => new(header.Id, header.Created, header.Model, [], usage);
}
