using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>Reads message content given as a string or as an array of <c>{"type":"text","text":...}</c> parts.</summary>
public sealed class MessageContentConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a string or an array of content parts");
        }

        var text = new StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            using var part = JsonDocument.ParseValue(ref reader);
            var root = part.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.GetString() != "text"
                || !root.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
            {
                throw new JsonException("only text content parts are supported");
            }

            text.Append(partText.GetString());
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
