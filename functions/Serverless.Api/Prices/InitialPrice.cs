namespace Serverless.Api.Prices;

/// <summary>A price from configuration (<see cref="PriceOptions.Initial"/>), per 1,000 tokens.</summary>
public sealed class InitialPrice
{
    /// <summary>Price of 1,000 prompt tokens.</summary>
    public decimal InputPer1K { get; set; }

    /// <summary>Price of 1,000 completion tokens.</summary>
    public decimal OutputPer1K { get; set; }

    /// <summary>Price of 1,000 tokens of an answer served from the response cache; none: what a generated one costs.</summary>
    public decimal? CachedPer1K { get; set; }
}
