using System.Text.Json.Serialization;

namespace Serverless.Api.Prices;

/// <summary>A model's price as the admin API shows it.</summary>
public sealed record PriceObject(
    string Model,
    [property: JsonPropertyName("input_per_1k")] decimal InputPer1K,
    [property: JsonPropertyName("output_per_1k")] decimal OutputPer1K,
    long UpdatedAt,
    [property: JsonPropertyName("cached_per_1k")] decimal? CachedPer1K = null)
{
    /// <summary>Always <c>model_price</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "model_price";

    /// <summary>The wire form of a stored price.</summary>
    internal static PriceObject From(PriceRecord record) => new(
        record.Price.Model,
        Money.Normalize(record.Price.InputPer1K),
        Money.Normalize(record.Price.OutputPer1K),
        record.UpdatedAt.ToUnixTimeSeconds(),
        record.Price.CachedPer1K is { } cached ? Money.Normalize(cached) : null);
}
