using System.Text.Json.Serialization;

namespace Serverless.Api.Usage;

/// <summary>Source-generated JSON of the usage API (snake_case, as the seed shows) and of the rollups' writer marks.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(UsageList))]
[JsonSerializable(typeof(Dictionary<string, AppliedMark>))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
