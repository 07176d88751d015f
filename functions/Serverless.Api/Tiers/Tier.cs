using Serverless.Api.Keys;

namespace Serverless.Api.Tiers;

/// <summary>A named set of limits keys belong to, with optional tighter limits per model.</summary>
public sealed record Tier(string Name, KeyLimits Limits, IReadOnlyDictionary<string, KeyLimits> ModelLimits);
