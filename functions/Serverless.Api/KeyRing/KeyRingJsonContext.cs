using System.Text.Json.Serialization;

namespace Serverless.Api.KeyRing;

/// <summary>JSON of Key Vault's key operations.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(KeyOperation))]
[JsonSerializable(typeof(KeyOperationResult))]
internal sealed partial class KeyRingJsonContext : JsonSerializerContext;
