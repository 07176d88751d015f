using System.Text.Json.Serialization;

namespace Serverless.Api.Catalog;

/// <summary>Source-generated JSON of the model catalog's admin API and its stored rows, in snake_case like the rest of the API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CatalogModelRequest))]
[JsonSerializable(typeof(CatalogModelObject))]
[JsonSerializable(typeof(CatalogModelList))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
