using System.Text.Json.Serialization;

namespace Serverless.Inference.Catalog;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ModelJson))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
