using System.Text.Json;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// A JSON value with the path it was reached by, so that every reading error names its field. The path is only
/// spelled out when asked for: a vocabulary has a hundred thousand entries and is read without an error.
/// </summary>
internal readonly record struct JsonField(JsonElement Element, string Parent, string? Name = null, int Index = -1)
{
    public string Path => Index >= 0 ? $"{Parent}[{Index}]" : Name is null ? Parent : Parent.Length == 0 ? Name : $"{Parent}.{Name}";

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public JsonField Required(string name) =>
        Optional(name) ?? throw new TokenizerJsonException(Child(name), "is missing");

    /// <summary>The member, or null when it is absent or JSON null.</summary>
    public JsonField? Optional(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw new TokenizerJsonException(Path, "must be an object");
        }

        return Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? new JsonField(value, Path, name) : null;
    }

    /// <summary>The component's "type" member.</summary>
    public string TypeName() => Required("type").String();

    public string String() =>
        Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw new TokenizerJsonException(Path, "must be a string");

    public bool Bool() => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new TokenizerJsonException(Path, "must be true or false"),
    };

    public int Int() =>
        Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var value) ? value : throw new TokenizerJsonException(Path, "must be an integer");

    public double Double() =>
        Element.ValueKind == JsonValueKind.Number ? Element.GetDouble() : throw new TokenizerJsonException(Path, "must be a number");

    public bool OptionalBool(string name, bool absent) => Optional(name)?.Bool() ?? absent;

    public string? OptionalString(string name) => Optional(name)?.String();

    public IEnumerable<JsonField> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw new TokenizerJsonException(Path, "must be an array");
        }

        var path = Path;
        return Element.EnumerateArray().Select((item, i) => new JsonField(item, path, null, i));
    }

    public IEnumerable<(string Name, JsonField Value)> Properties()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw new TokenizerJsonException(Path, "must be an object");
        }

        var path = Path;
        return Element.EnumerateObject().Select(p => (p.Name, new JsonField(p.Value, path, p.Name)));
    }

    /// <summary>The error for a "type" this reader does not implement.</summary>
    public TokenizerJsonException Unsupported(string type) => new(Child("type"), $"unsupported type '{type}'");

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";
}
