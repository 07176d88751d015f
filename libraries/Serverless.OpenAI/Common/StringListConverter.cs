using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Common;

/// <summary>Reads a field OpenAI accepts as a string or an array of strings (<c>stop</c>, <c>prompt</c>, <c>input</c>).</summary>
/// <remarks>Arrays of token ids are refused with a JSON error so the parser names the field.</remarks>
public sealed class StringListConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new JsonException("expected a string or an array of strings (token arrays are not supported)");
                    }

                    items.Add(reader.GetString()!);
                }

                return items;
            default:
                throw new JsonException("expected a string or an array of strings");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
