using System.Text.Json.Serialization;

namespace Serverless.Inference.Catalog;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelJson))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
