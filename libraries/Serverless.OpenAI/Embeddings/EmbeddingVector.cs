namespace Serverless.OpenAI.Embeddings;

/// <summary>A vector and the encoding the client asked for: a JSON array of floats, or base64 of little-endian float32.</summary>
public sealed record EmbeddingVector(float[] Values, bool Base64);
