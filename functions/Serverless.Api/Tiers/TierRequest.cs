using Serverless.Api.Keys;

namespace Serverless.Api.Tiers;

/// <summary>The body of <c>PUT /v1/admin/tiers/{name}</c>: the tier's limits, and tighter ones per model.</summary>
public sealed record TierRequest(KeyLimits? Limits, IReadOnlyDictionary<string, KeyLimits>? ModelLimits);
