using System.Text.Json.Serialization;

namespace Serverless.Api.Prices;

/// <summary>The body of <c>PUT /v1/admin/prices/{model}</c>: both prices, per 1,000 tokens.</summary>
public sealed record PriceRequest
{
    /// <summary>Price of 1,000 prompt tokens.</summary>
    [JsonPropertyName("input_per_1k")]
    public decimal? InputPer1K { get; init; }

    /// <summary>Price of 1,000 completion tokens.</summary>
    [JsonPropertyName("output_per_1k")]
    public decimal? OutputPer1K { get; init; }

    /// <summary>Price of 1,000 tokens of an answer served from the response cache (optional: without it a cached answer costs what a generated one does).</summary>
    [JsonPropertyName("cached_per_1k")]
    public decimal? CachedPer1K { get; init; }
}
