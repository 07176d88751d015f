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
        new(header.Id, header.Created, header.Model, results.Select(r => new CompletionChoice(r.Text, r.Index, r.FinishReason.ToWire())).ToArray(), usage);

    public IEnumerable<Completion> Opening(ResponseHeader header, IReadOnlyList<ChoiceJob> jobs) => [];

    public Completion Chunk(ResponseHeader header, ChoiceChunk piece) =>
        new(header.Id, header.Created, header.Model, [new CompletionChoice(piece.Text, piece.Index, piece.FinishReason.ToWire())], null);

    public Completion UsageChunk(ResponseHeader header, Usage usage) => new(header.Id, header.Created, header.Model, [], usage);
}
