using System.Text.Json.Serialization;

namespace Serverless.Api.Usage;

/// <summary>Source-generated JSON of the usage API (snake_case, as the seed shows) of the rollups' writer marks and of spilled merges.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(UsageList))]
[JsonSerializable(typeof(Dictionary<string, AppliedMark>))]
[JsonSerializable(typeof(List<RollupMerge>))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
