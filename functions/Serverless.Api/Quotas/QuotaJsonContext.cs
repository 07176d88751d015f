using System.Text.Json.Serialization;

namespace Serverless.Api.Quotas;

/// <summary>JSON of the quota API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QuotaView))]
internal sealed partial class QuotaJsonContext : JsonSerializerContext;
