using System.Text.Json.Serialization;

namespace Serverless.Api.Identity;

/// <summary>JSON of <c>GET /v1/me</c>: <c>models</c> is written as null when any model is allowed.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CallerView))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
