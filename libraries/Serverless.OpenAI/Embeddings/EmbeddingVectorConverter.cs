using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Embeddings;

/// <summary>Writes (and reads) the <c>embedding</c> field in either of OpenAI's encodings.</summary>
public sealed class EmbeddingVectorConverter : JsonConverter<EmbeddingVector>
{
    /// <inheritdoc />
    public override EmbeddingVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var bytes = reader.GetBytesFromBase64();
            return new EmbeddingVector(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), Base64: true);
        }

        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetSingle());
        }

        return new EmbeddingVector([.. values], Base64: false);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        if (value.Base64)
        {
            // x86-64 and ARM64 are little-endian, which is what the wire format wants.
            writer.WriteBase64StringValue(MemoryMarshal.AsBytes(value.Values.AsSpan()));
            return;
        }

        writer.WriteStartArray();
        foreach (var v in value.Values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }
}
