using System.Text.Json.Serialization;

namespace Serverless.Api.Keys;

/// <summary>JSON of the list and map columns of key rows.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(KeyLimits))]
internal sealed partial class KeysJsonContext : JsonSerializerContext;
