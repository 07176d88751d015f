namespace Serverless.Api.Tiers;

/// <summary>The answer of <c>GET /v1/admin/tiers</c>.</summary>
public sealed record TierList(IReadOnlyList<TierObject> Data)
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object => "list";
}
