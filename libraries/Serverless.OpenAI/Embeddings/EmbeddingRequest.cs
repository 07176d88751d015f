using System.Text.Json.Serialization;
using Serverless.OpenAI.Common;

namespace Serverless.OpenAI.Embeddings;

/// <summary>The body of <c>POST /v1/embeddings</c>.</summary>
public sealed record EmbeddingRequest
{
    /// <summary>The model id.</summary>
    public string? Model { get; init; }

    /// <summary>One text or several.</summary>
    [JsonConverter(typeof(StringListConverter))]
    public IReadOnlyList<string>? Input { get; init; }

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32, what the official SDKs ask for).</summary>
    public string? EncodingFormat { get; init; }

    /// <summary>Requested vector length; must equal the model's.</summary>
    public int? Dimensions { get; init; }

    /// <summary>The caller's end-user id.</summary>
    public string? User { get; init; }
}
