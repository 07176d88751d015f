using System.Text.Json.Serialization;
using Serverless.OpenAI.Common;

namespace Serverless.OpenAI.Chat;

/// <summary>One server-sent event of a streamed chat completion.</summary>
public sealed record ChatCompletionChunk(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage)
{
    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    public string Object => "chat.completion.chunk";
}
