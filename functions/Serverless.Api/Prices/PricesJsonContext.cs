using System.Text.Json.Serialization;

namespace Serverless.Api.Prices;

/// <summary>Source-generated JSON of the price admin API, in snake_case like the rest of the API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PriceObject))]
[JsonSerializable(typeof(PriceList))]
[JsonSerializable(typeof(PriceRequest))]
internal sealed partial class PricesJsonContext : JsonSerializerContext;
