namespace Serverless.Api.Prices;

/// <summary>What a model costs: input and output price per 1,000 tokens, in the deployment's currency.</summary>
/// <param name="Model">The model id.</param>
/// <param name="InputPer1K">Price of 1,000 prompt tokens.</param>
/// <param name="OutputPer1K">Price of 1,000 completion tokens.</param>
/// <param name="CachedPer1K">Price of 1,000 tokens (prompt and completion alike) of an answer served from the response cache; null: a cached answer costs what a generated one does.</param>
public sealed record ModelPrice(string Model, decimal InputPer1K, decimal OutputPer1K, decimal? CachedPer1K = null)
{
    /// <summary>The price of a model nobody has priced: free, and marked <see cref="Unpriced"/>.</summary>
    public static ModelPrice Free(string model) => new(model, 0m, 0m) { Unpriced = true };

    /// <summary>True when no price was set for the model (an operator's price of zero is a price).</summary>
    public bool Unpriced { get; init; }

    /// <summary>The exact cost of a request (decimal arithmetic, no rounding: rounding is the invoice's business).</summary>
    public decimal CostOf(int promptTokens, int completionTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(completionTokens);
        return Money.Normalize(((promptTokens * InputPer1K) + (completionTokens * OutputPer1K)) / 1000m);
    }

    /// <summary>The cost of an answer served from the response cache: its tokens at <see cref="CachedPer1K"/>, or <see cref="CostOf"/> when the model has no cached price.</summary>
    public decimal CachedCostOf(int promptTokens, int completionTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(completionTokens);
        return CachedPer1K is { } cached
            ? Money.Normalize(((long)promptTokens + completionTokens) * cached / 1000m)
            : CostOf(promptTokens, completionTokens);
    }

    /// <summary>The cost of a batch line: <see cref="CostOf"/> less the batch <paramref name="discount"/> (a share, 0 to 1).</summary>
    public decimal BatchCostOf(int promptTokens, int completionTokens, decimal discount) =>
        Money.Normalize(CostOf(promptTokens, completionTokens) * (1m - discount));
}
