using System.Text.Json.Serialization;
using Serverless.Api.Keys;

namespace Serverless.Api.Tiers;

/// <summary>JSON of tiers, in storage and on the admin API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(KeyLimits))]
[JsonSerializable(typeof(Dictionary<string, KeyLimits>))]
[JsonSerializable(typeof(TierObject))]
[JsonSerializable(typeof(TierList))]
[JsonSerializable(typeof(TierRequest))]
internal sealed partial class TierJsonContext : JsonSerializerContext;
