using System.Text.Json.Serialization.Metadata;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Serialization;
using Serverless.Worker.Generation;

namespace Serverless.Worker.Serving;

/// <summary><c>/v1/completions</c>' shapes: a <c>text_completion</c>, streamed as more of the same.</summary>
internal sealed class CompletionWire : IGenerationWire<Completion, Completion>
{
    public static CompletionWire Instance { get; } = new();

    public JsonTypeInfo<Completion> AnswerType => OpenAIJsonContext.Default.Completion;

    public JsonTypeInfo<Completion> ChunkType => OpenAIJsonContext.Default.Completion;

    public string NewId() => ResponseIds.Completion();

    public Completion Answer(ResponseHeader header, IReadOnlyList<ChoiceResult> results, Usage usage) =>
        new(header.Id, header.Created, header.Model, results.Select(Choice).ToArray(), usage);

    /// <summary>A finished choice as <c>choices[i]</c> of a <c>text_completion</c> (also a job's result).</summary>
    public static CompletionChoice Choice(ChoiceResult result) =>
        new(result.Text, result.Index, result.FinishReason.ToWire(), WireLogprobs.Completion(result.Logprobs, 0));

    public IEnumerable<Completion> Opening(ResponseHeader header, IReadOnlyList<ChoiceJob> jobs) => [];

    public Completion Chunk(ResponseHeader header, ChoiceChunk piece) =>
        new(header.Id, header.Created, header.Model, [new CompletionChoice(piece.Text, piece.Index, piece.FinishReason.ToWire(), WireLogprobs.Completion(piece.Logprobs, piece.TextOffset))], null);

    public Completion UsageChunk(ResponseHeader header, Usage usage) => new(header.Id, header.Created, header.Model, [], usage);
}
