using System.Text.Json.Serialization;

namespace Serverless.Api.Health;

/// <summary>JSON of the health routes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReadinessReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
