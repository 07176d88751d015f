using System.Text.Json.Serialization;

namespace Serverless.Api.Admin;

/// <summary>Source-generated JSON of the admin API, in snake_case like the rest of the API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(KeyObject))]
[JsonSerializable(typeof(KeyList))]
[JsonSerializable(typeof(KeyRequest))]
[JsonSerializable(typeof(RotateRequest))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
