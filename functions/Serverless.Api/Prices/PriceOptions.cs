using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Prices;

/// <summary>What is done with models nobody has priced, bound from the <c>Prices</c> section.</summary>
public sealed class PriceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Prices";

    /// <summary>
    /// Whether keys below admin may use a model without a price (it is then free). Off by default: a model added to the
    /// catalog but not yet priced would otherwise be given away, and no daily budget would ever bind on it.
    /// </summary>
    public bool AllowUnpriced { get; set; }

    /// <summary>
    /// Prices stored at start for models that have none yet (never over a price an admin set): how a deployment
    /// ships with its models priced. The local host prices the default models this way.
    /// </summary>
    public Dictionary<string, InitialPrice> Initial { get; } = new(StringComparer.Ordinal);

    /// <summary>The share taken off a model's price for the lines of a batch (0.5: half price, as OpenAI charges).</summary>
    [Range(typeof(decimal), "0", "1")]
    public decimal BatchDiscount { get; set; } = 0.5m;
}
