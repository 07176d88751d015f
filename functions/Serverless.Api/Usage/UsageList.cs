using System.Text.Json.Serialization;

namespace Serverless.Api.Usage;

/// <summary>The answer of <c>GET /v1/usage</c> and <c>GET /v1/usage/daily</c>, shaped as the seed's example.</summary>
public sealed record UsageList(IReadOnlyList<UsageRow> Data, UsageTotal Total)
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "list";
}
