using System.Text.Json.Serialization.Metadata;
using Serverless.OpenAI.Common;
using Serverless.Worker.Generation;

namespace Serverless.Worker.Serving;

/// <summary>One generation endpoint's wire shapes: the whole answer, and the chunks of its stream.</summary>
/// <typeparam name="TAnswer">The whole answer's type.</typeparam>
/// <typeparam name="TChunk">A stream chunk's type.</typeparam>
internal interface IGenerationWire<TAnswer, TChunk>
{
    /// <summary>The serializer of the whole answer.</summary>
    JsonTypeInfo<TAnswer> AnswerType { get; }

    /// <summary>The serializer of a chunk.</summary>
    JsonTypeInfo<TChunk> ChunkType { get; }

    /// <summary>A new response id (<c>cmpl-</c>, <c>chatcmpl-</c>).</summary>
    string NewId();

    /// <summary>The whole answer from every finished choice.</summary>
    TAnswer Answer(ResponseHeader header, IReadOnlyList<ChoiceResult> results, Usage usage);

    /// <summary>The chunks a stream opens with, before any text (chat names each choice's role; completions has none).</summary>
    IEnumerable<TChunk> Opening(ResponseHeader header, IReadOnlyList<ChoiceJob> jobs);

    /// <summary>The chunk of one piece of one choice.</summary>
    TChunk Chunk(ResponseHeader header, ChoiceChunk piece);

    /// <summary>The last chunk, with no choices and the usage (<c>stream_options.include_usage</c>).</summary>
    TChunk UsageChunk(ResponseHeader header, Usage usage);
}
