namespace Serverless.Api.Admin;

/// <summary>The answer of <c>GET /v1/admin/keys</c>.</summary>
public sealed record KeyList(IReadOnlyList<KeyObject> Data)
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object => "list";
}
