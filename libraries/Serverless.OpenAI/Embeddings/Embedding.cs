using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Embeddings;

/// <summary>One vector of an embeddings answer.</summary>
public sealed record Embedding(
    int Index,
    [property: JsonPropertyName("embedding"), JsonConverter(typeof(EmbeddingVectorConverter))] EmbeddingVector Vector)
{
    /// <summary>Always <c>embedding</c>.</summary>
    public string Object => "embedding";
}
