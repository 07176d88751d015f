using System.Text.Json.Serialization;

namespace Serverless.Api.Prices;

/// <summary>The answer of <c>GET /v1/admin/prices</c>: every priced model; models not listed are free.</summary>
public sealed record PriceList(IReadOnlyList<PriceObject> Data)
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "list";
}
