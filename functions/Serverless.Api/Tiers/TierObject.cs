using Serverless.Api.Keys;

namespace Serverless.Api.Tiers;

/// <summary>A tier on the admin API.</summary>
public sealed record TierObject(string Name, KeyLimits Limits, IReadOnlyDictionary<string, KeyLimits> ModelLimits)
{
    /// <summary>Always <c>tier</c>.</summary>
    public string Object => "tier";

    /// <summary>The wire form of <paramref name="tier"/>.</summary>
    public static TierObject From(Tier tier) => new(tier.Name, tier.Limits, tier.ModelLimits);
}
