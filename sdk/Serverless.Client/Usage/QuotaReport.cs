namespace Serverless.Client.Usage;

/// <summary>The answer of <c>GET /v1/quota</c>: the caller's effective limits and what is left of each now.</summary>
/// <param name="KeyId">The caller's key id.</param>
/// <param name="Owner">The key's owner.</param>
/// <param name="Tier">The key's tier.</param>
/// <param name="Limits">The limits in force (the key's own, else its tier's).</param>
/// <param name="Usage">Each limit with its use in the current window.</param>
public sealed record QuotaReport(string KeyId, string Owner, string Tier, QuotaLimits Limits, IReadOnlyList<QuotaLine> Usage)
{
    /// <summary>The object type: <c>quota</c>.</summary>
    public string Object { get; init; } = "quota";
}
