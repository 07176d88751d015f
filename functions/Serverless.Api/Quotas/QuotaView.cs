using Serverless.Api.Keys;

namespace Serverless.Api.Quotas;

/// <summary>The answer of <c>GET /v1/quota</c>: the caller's effective limits and what is left of each.</summary>
public sealed record QuotaView(string KeyId, string Owner, string Tier, KeyLimits Limits, IReadOnlyList<QuotaLine> Usage)
{
    /// <summary>Always <c>quota</c>.</summary>
    public string Object => "quota";
}
