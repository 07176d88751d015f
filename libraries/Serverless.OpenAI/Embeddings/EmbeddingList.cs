using Serverless.OpenAI.Common;

namespace Serverless.OpenAI.Embeddings;

/// <summary>The answer of <c>POST /v1/embeddings</c>.</summary>
public sealed record EmbeddingList(IReadOnlyList<Embedding> Data, string Model, EmbeddingUsage Usage)
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object => "list";
}
