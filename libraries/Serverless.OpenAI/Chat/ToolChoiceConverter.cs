using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>Reads and writes <c>tool_choice</c> in both of its wire forms.</summary>
public sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    /// <inheritdoc />
    public override ToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var mode = reader.GetString();
            return mode is ToolChoice.None or ToolChoice.Auto or ToolChoice.Required
                ? new ToolChoice(mode)
                : throw new JsonException("expected 'none', 'auto', 'required' or {\"type\": \"function\", \"function\": {\"name\": ...}}");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == ToolChoice.Function
            && root.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            return new ToolChoice(ToolChoice.Function, name.GetString());
        }

        throw new JsonException("expected 'none', 'auto', 'required' or {\"type\": \"function\", \"function\": {\"name\": ...}}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode != ToolChoice.Function)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", ToolChoice.Function);
        writer.WriteStartObject("function");
        writer.WriteString("name", value.FunctionName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
